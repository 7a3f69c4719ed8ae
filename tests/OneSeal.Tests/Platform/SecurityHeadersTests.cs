using System.Net;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Platform;

/// <summary>Defect 19: every response carries the same security headers: pages, API, static files, downloads and errors.</summary>
[Trait("Provider", "Sqlite")]
public sealed class SecurityHeadersTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    public static TheoryData<string> Paths() => new()
    {
        "/", "/items/QS-XK-003", "/account/login", "/verify", "/css/site.css", "/js/catalog-import.js", "/health",
        "/api/v1/items", "/api/v1/cases", "/openapi/v1.json", "/api-docs/index.html", "/no-such-page", "/api/v1/no-such-thing",
        "/hall", "/api/v1/calendar/add-working-days?from=nonsense&days=1",
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Defect19_every_response_has_CSP_nosniff_no_framing_and_a_referrer_policy(string path)
    {
        using var response = await app.Anonymous().GetAsync(path);

        var csp = Header(response, "Content-Security-Policy");
        csp.ShouldContain("default-src 'self'");
        csp.ShouldContain("script-src 'self'");
        csp.ShouldContain("style-src 'self'");
        csp.ShouldContain("frame-ancestors 'none'");
        csp.ShouldContain("object-src 'none'");
        csp.ShouldNotContain("unsafe-eval");
        if (path.StartsWith("/api-docs", StringComparison.Ordinal))
            csp.ShouldContain("script-src 'self';", Case.Sensitive, "the API reference may inline styles only");
        else
            csp.ShouldNotContain("unsafe-inline");
        Header(response, "X-Content-Type-Options").ShouldBe("nosniff");
        Header(response, "X-Frame-Options").ShouldBe("DENY");
        Header(response, "Referrer-Policy").ShouldBe("strict-origin-when-cross-origin");
        response.Headers.Contains("Strict-Transport-Security").ShouldBeFalse("no HSTS over plain HTTP");
    }

    [Fact]
    public async Task Defect19_HSTS_is_sent_over_HTTPS()
    {
        using var client = app.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        using var response = await client.GetAsync("/");
        Header(response, "Strict-Transport-Security").ShouldStartWith("max-age=");
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(",", values)
            : throw new ShouldAssertException($"{response.RequestMessage?.RequestUri?.PathAndQuery} → {(int)response.StatusCode} has no {name} header");
}
