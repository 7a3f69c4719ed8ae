using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;

namespace OneSeal.Organisation.Accounts;

public static class AuthApi
{
    public sealed record TokenRequest(string? Username, string? Password);
    public sealed record RefreshRequest(string? RefreshToken);

    public static void MapAuthApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/auth").WithTags("auth");

        g.MapPost("/token", async (TokenRequest? body, SignIn signIn, AccessTokens tokens, CancellationToken ct) =>
        {
            if (body is null) throw new InvalidInputException("body", "required", "请求体不能为空。");
            if (string.IsNullOrWhiteSpace(body.Username)) throw new InvalidInputException("username", "required", "请输入用户名。");
            if (string.IsNullOrEmpty(body.Password)) throw new InvalidInputException("password", "required", "请输入密码。");
            var account = await signIn.CheckAsync(body.Username, body.Password, ct);
            return account is null
                ? Results.Problem(title: "用户名或密码不正确。", statusCode: 401, type: "https://oneseal.example/problems/bad-credentials")
                : Results.Ok(await tokens.IssueAsync(account, ct));
        }).AllowAnonymous().RequireRateLimiting(SignInRateLimit.Policy)
            .Produces<TokenResponse>().ProducesProblem(401).ProducesProblem(423).ProducesProblem(429)
            .WithSummary("用户名和密码换取访问令牌（1 小时）和刷新令牌；连续失败 5 次锁定 15 分钟");

        g.MapPost("/refresh", async (RefreshRequest? body, AccessTokens tokens, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(body?.RefreshToken)) throw new InvalidInputException("refreshToken", "required", "请提供刷新令牌（refreshToken）。");
            return await tokens.RefreshAsync(body.RefreshToken, ct) is { } response
                ? Results.Ok(response)
                : Results.Problem(title: "刷新令牌无效、已使用或已过期，请重新登录。", statusCode: 401, type: "https://oneseal.example/problems/bad-refresh-token");
        }).AllowAnonymous().RequireRateLimiting(SignInRateLimit.Policy)
            .Produces<TokenResponse>().ProducesProblem(401).ProducesProblem(429)
            .WithSummary("用一次性的刷新令牌换取新的访问令牌和刷新令牌");

        g.MapPost("/sign-out", async (HttpContext http, SignIn signIn, CancellationToken ct) =>
        {
            await signIn.SignOutEverywhereAsync(HttpActor.Of(http), ct);
            return Results.NoContent();
        }).RequireAuthorization(AuthSetup.ApiPolicy)
            .WithSummary("退出登录：结束该账号的全部会话（访问令牌、刷新令牌和网页登录）");
    }
}
