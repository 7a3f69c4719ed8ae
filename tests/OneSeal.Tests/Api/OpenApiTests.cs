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
    public async Task OpenAPI_every_operation_has_an_id_a_summary_its_security_and_problem_answers()
    {
        var doc = await DocumentAsync();
        doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("scheme").GetString().ShouldBe("bearer");

        var ids = new List<string>();
        foreach (var path in doc.GetProperty("paths").EnumerateObject())
            foreach (var op in path.Value.EnumerateObject())
            {
                var where = $"{op.Name.ToUpperInvariant()} {path.Name}";
                ids.Add(op.Value.GetProperty("operationId").GetString()!);
                op.Value.GetProperty("summary").GetString().ShouldNotBeNullOrWhiteSpace(where);
                var security = op.Value.GetProperty("security");
                var responses = op.Value.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
                responses.ShouldContain(r => r.StartsWith('4'), where);
                if (security.GetArrayLength() > 0) responses.ShouldContain("401", where);
            }
        ids.ShouldBeUnique();
        // Anonymous operations say so; the token endpoint is one of them, creating a case is not.
        var paths = doc.GetProperty("paths");
        paths.GetProperty("/api/v1/auth/token").GetProperty("post").GetProperty("security").GetArrayLength().ShouldBe(0);
        var createCase = paths.GetProperty("/api/v1/cases").GetProperty("post");
        createCase.GetProperty("security").GetArrayLength().ShouldBe(1);
        createCase.GetProperty("operationId").GetString().ShouldBe("createCase");
        // No path ends in a slash (a group's "/" route is named without it).
        paths.EnumerateObject().Where(p => p.Name.Length > 1 && p.Name.EndsWith('/')).Select(p => p.Name).ShouldBeEmpty();
    }

    /// <summary>
    /// Writes the document to <c>TestResults/openapi.json</c> at the repository's root: scripts/test.sh lints it with
    /// Redocly's recommended rules afterwards (tools/openapi-lint) and counts the lint as one test.
    /// </summary>
    [Fact]
    public async Task OpenAPI_document_is_written_for_the_lint()
    {
        using var response = await Anonymous().GetAsync("/openapi/v1.json");
        await ShouldBeAsync(response, HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync();
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OneSeal.slnx"))) dir = dir.Parent;
        var folder = Directory.CreateDirectory(Path.Combine(dir?.FullName ?? Path.GetTempPath(), "TestResults")).FullName;
        // Both providers write the same document: through a temporary file, so the lint never reads half of one.
        var temp = Path.Combine(folder, $"openapi.{Guid.NewGuid():N}.tmp");
        await File.WriteAllTextAsync(temp, text);
        File.Move(temp, Path.Combine(folder, "openapi.json"), overwrite: true);
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
