using System.Net;
using System.Text.Json;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Api;

/// <summary>The API describes itself: OpenAPI at <c>/openapi/v1.json</c>, Swagger UI at <c>/api-docs</c>, and <c>/health</c>.</summary>
public abstract class OpenApiTests(OneSealFactory app) : CaseApiTestBase(app)
{
    private async Task<JsonElement> DocumentAsync()
    {
        using var response = await Anonymous().GetAsync("/openapi/v1.json");
        await ShouldBeAsync(response, HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static List<string> Paths(JsonElement doc) => doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

    [Fact]
    public async Task OpenAPI_document_is_JSON_listing_the_cases_and_items_paths()
    {
        var doc = await DocumentAsync();

        doc.GetProperty("openapi").GetString()!.ShouldStartWith("3.");
        var paths = Paths(doc);
        paths.ShouldContain("/api/v1/cases");
        paths.ShouldContain("/api/v1/items");
        paths.ShouldContain("/api/v1/items/{code}");
        paths.ShouldContain("/api/v1/auth/token");
    }

    [Fact]
    public async Task OpenAPI_document_lists_every_case_transition()
    {
        var paths = Paths(await DocumentAsync());

        foreach (var action in new[] { "materials", "submit", "accept", "request-correction", "refuse", "review", "decide" })
            paths.ShouldContain($"/api/v1/cases/{{id}}/{action}");
        paths.ShouldContain("/api/v1/cases/{id}");
    }

    [Fact]
    public async Task OpenAPI_creating_a_case_is_a_POST_on_the_cases_collection()
    {
        var doc = await DocumentAsync();

        var cases = doc.GetProperty("paths").EnumerateObject().Where(p => p.Name.TrimEnd('/') == "/api/v1/cases").ToList();
        cases.ShouldHaveSingleItem();
        cases[0].Value.TryGetProperty("post", out _).ShouldBeTrue();
        cases[0].Value.TryGetProperty("get", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Api_docs_serves_an_HTML_page()
    {
        using var client = Anonymous();
        var response = await client.GetAsync("/api-docs");
        for (var hops = 0; hops < 3 && (int)response.StatusCode is >= 300 and < 400; hops++)
        {
            var next = new Uri(response.RequestMessage!.RequestUri!, response.Headers.Location!);
            response.Dispose();
            response = await client.GetAsync(next);
        }

        using (response)
        {
            await ShouldBeAsync(response, HttpStatusCode.OK);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
            var html = await response.Content.ReadAsStringAsync();
            html.ShouldContain("<html", Case.Insensitive);
            html.ShouldContain("swagger", Case.Insensitive);
        }
    }

    [Fact]
    public async Task Health_is_ok_without_sign_in()
    {
        using var response = await Anonymous().GetAsync("/health");

        await ShouldBeAsync(response, HttpStatusCode.OK);
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString().ShouldBe("ok");
    }
}

[Trait("Provider", "Sqlite")]
public sealed class OpenApiTests_Sqlite(SqliteApp app) : OpenApiTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class OpenApiTests_Postgres(PostgresApp app) : OpenApiTests(app), IClassFixture<PostgresApp>;
