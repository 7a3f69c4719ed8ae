using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Api;

/// <summary><c>POST /api/v1/auth/token</c> and who the API lets in: only a bearer token, never a cookie.</summary>
public abstract partial class AuthApiTests(OneSealFactory app) : CaseApiTestBase(app)
{
    private sealed record Token(string TokenType, string AccessToken, long ExpiresIn);

    [Theory]
    [InlineData("applicant")]
    [InlineData("company")]
    [InlineData("clerk")]
    [InlineData("clerk2")]
    [InlineData("reviewer")]
    [InlineData("chief")]
    [InlineData("dept")]
    [InlineData("monitor")]
    [InlineData("admin")]
    public async Task Every_demo_account_gets_a_bearer_token_that_the_API_accepts(string username)
    {
        using var anonymous = Anonymous();
        using var response = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { username, password = Demo.Password });

        await ShouldBeAsync(response, HttpStatusCode.OK);
        var token = (await response.Content.ReadFromJsonAsync<Token>(Web))!;
        token.AccessToken.ShouldNotBeNullOrWhiteSpace();
        token.ExpiresIn.ShouldBeGreaterThan(0);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/cases?scope=mine");
        request.Headers.Authorization = new("Bearer", token.AccessToken);
        using var mine = await anonymous.SendAsync(request);
        await ShouldBeAsync(mine, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Wrong_password_is_401_problem()
    {
        using var response = await Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { username = "clerk", password = "OneSeal#2025" });

        var problem = await ShouldBeProblemAsync(response, HttpStatusCode.Unauthorized);
        problem.TryGetProperty("accessToken", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Unknown_user_is_the_same_401_problem_as_a_wrong_password()
    {
        using var unknown = await Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { username = Unique("nobody"), password = Demo.Password });
        using var wrong = await Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { username = "clerk", password = "wrong" });

        var a = await ShouldBeProblemAsync(unknown, HttpStatusCode.Unauthorized);
        var b = await ShouldBeProblemAsync(wrong, HttpStatusCode.Unauthorized);
        a.GetProperty("title").GetString().ShouldBe(b.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Missing_username_is_400_naming_username()
    {
        using var response = await Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { password = Demo.Password });

        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: "username", rule: "required");
    }

    [Fact]
    public async Task Missing_password_is_400_naming_password()
    {
        using var response = await Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { username = "clerk" });

        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: "password", rule: "required");
    }

    [Theory]
    [InlineData("GET", "/api/v1/cases")]
    [InlineData("POST", "/api/v1/cases")]
    [InlineData("GET", "/api/v1/cases/7b1a4c53-55a7-4cc1-9a55-8f1f2c1f0d6e")]
    [InlineData("POST", "/api/v1/cases/7b1a4c53-55a7-4cc1-9a55-8f1f2c1f0d6e/accept")]
    public async Task The_API_without_a_token_is_401(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        using var response = await Anonymous().SendAsync(request);

        await ShouldBeProblemAsync(response, HttpStatusCode.Unauthorized);
        response.Headers.Location.ShouldBeNull("the API answers 401, it never redirects to a login page");
    }

    [Fact]
    public async Task Malformed_JSON_to_the_token_endpoint_is_400_naming_body()
    {
        using var response = await Anonymous().PostAsync("/api/v1/auth/token",
            new StringContent("{\"username\": \"clerk\", ", Encoding.UTF8, "application/json"));

        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: "body");
    }

    [Fact]
    public async Task A_token_is_not_a_cookie_sign_in()
    {
        using var response = await Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { username = "clerk", password = Demo.Password });

        await ShouldBeAsync(response, HttpStatusCode.OK);
        response.Headers.Contains("Set-Cookie").ShouldBeFalse("the token endpoint hands out a bearer token only");
    }

    [Fact]
    public async Task A_garbage_bearer_token_is_401()
    {
        using var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "not-a-token");

        using var response = await client.GetAsync("/api/v1/cases");

        await ShouldBeAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_sign_in_cookie_of_the_pages_is_not_accepted_by_the_API()
    {
        using var browser = Anonymous(); // keeps cookies, like a browser
        await SignInThroughTheLoginPageAsync(browser, "clerk");

        // The cookie is genuine: the clerk's hall page opens with it…
        using (var hall = await browser.GetAsync("/hall")) await ShouldBeAsync(hall, HttpStatusCode.OK);

        // …but the API takes bearer tokens only.
        using var list = await browser.GetAsync("/api/v1/cases?scope=acceptance");
        await ShouldBeProblemAsync(list, HttpStatusCode.Unauthorized);
        list.Headers.Location.ShouldBeNull();
        using var refuse = await browser.PostAsJsonAsync($"/api/v1/cases/{Guid.NewGuid()}/refuse", new { reason = "跨站请求" });
        await ShouldBeProblemAsync(refuse, HttpStatusCode.Unauthorized);
    }

    /// <summary>GET the login form, then POST it with its antiforgery token: the answer sets the <c>oneseal.auth</c> cookie.</summary>
    private static async Task SignInThroughTheLoginPageAsync(HttpClient browser, string username)
    {
        var form = await browser.GetStringAsync("/account/login");
        var token = AntiforgeryField().Match(form);
        token.Success.ShouldBeTrue("the login form carries an antiforgery token");
        using var response = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Username"] = username,
            ["Password"] = Demo.Password,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        }));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        response.Headers.TryGetValues("Set-Cookie", out var cookies).ShouldBeTrue();
        cookies!.ShouldContain(c => c.StartsWith("oneseal.auth="));
    }

    [GeneratedRegex(@"name=""__RequestVerificationToken""[^>]*?value=""([^""]+)""")]
    private static partial Regex AntiforgeryField();
}

[Trait("Provider", "Sqlite")]
public sealed class AuthApiTests_Sqlite(SqliteApp app) : AuthApiTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class AuthApiTests_Postgres(PostgresApp app) : AuthApiTests(app), IClassFixture<PostgresApp>;
