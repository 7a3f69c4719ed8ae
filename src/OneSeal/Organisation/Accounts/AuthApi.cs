using OneSeal.Platform.Http;
using OneSeal.Platform.Security;

namespace OneSeal.Organisation.Accounts;

public static class AuthApi
{
    public sealed record TokenRequest(string? Username, string? Password);

    public static void MapAuthApi(this IEndpointRouteBuilder app)
    {
        // Returns {tokenType, accessToken, expiresIn, refreshToken} (the framework's bearer token handler).
        app.MapPost("/api/v1/auth/token", async (TokenRequest? body, SignIn signIn, CancellationToken ct) =>
        {
            if (body is null) throw new InvalidInputException("body", "required", "请求体不能为空。");
            if (string.IsNullOrWhiteSpace(body.Username)) throw new InvalidInputException("username", "required", "请输入用户名。");
            if (string.IsNullOrEmpty(body.Password)) throw new InvalidInputException("password", "required", "请输入密码。");
            var account = await signIn.CheckAsync(body.Username, body.Password, ct);
            return account is null
                ? Results.Problem(title: "用户名或密码不正确。", statusCode: 401, type: "https://oneseal.example/problems/bad-credentials")
                : Results.SignIn(Actor.ToPrincipal(account, AuthSetup.Bearer), authenticationScheme: AuthSetup.Bearer);
        }).AllowAnonymous().WithTags("auth");
    }
}
