using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;

namespace OneSeal.Organisation.Accounts;

public static class AuthApi
{
    public sealed record TokenRequest(string? Username, string? Password, string? Otp);
    public sealed record RefreshRequest(string? RefreshToken);
    public sealed record EnrolRequest(string? Username, string? Password, string? Otp);
    public sealed record EnrolmentResponse(string Secret, string OtpAuthUri);
    public sealed record RecoveryCodesResponse(IReadOnlyList<string> RecoveryCodes);

    public static void MapAuthApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/auth").WithTags("auth");

        g.MapPost("/token", async (TokenRequest? body, SignIn signIn, AccessTokens tokens, CancellationToken ct) =>
        {
            var (username, password) = Credentials(body?.Username, body?.Password, body is null);
            var result = await signIn.CheckAsync(username, password, ct);
            if (result is null) return BadCredentials();
            switch (result.Step)
            {
                case SignInStep.NeedsEnrolment:
                    return OtpProblem("second-factor-enrolment-required",
                        "该账号须先绑定动态验证码（otp）：在网页登录后按提示绑定，或调用 POST /api/v1/auth/second-factor/enrol。");
                case SignInStep.NeedsCode when string.IsNullOrWhiteSpace(body!.Otp):
                    return OtpProblem("otp-required", "该账号已启用动态验证码，请在 otp 中提供验证器上的 6 位动态验证码或一个恢复码。");
                case SignInStep.NeedsCode:
                    if (await signIn.CompleteAsync(result.Account.Id, result.Account.SecurityStamp, body!.Otp, ct) is not { } account)
                        return OtpProblem("otp-invalid", "动态验证码（otp）不正确或已使用，请输入验证器上当前的 6 位数字或一个未用过的恢复码。");
                    return Results.Ok(await tokens.IssueAsync(account, ct));
                default:
                    return Results.Ok(await tokens.IssueAsync(result.Account, ct));
            }
        }).WithName("createToken").AllowAnonymous().RequireRateLimiting(SignInRateLimit.Policy)
            .Produces<TokenResponse>().ProducesProblem(401).ProducesProblem(423).ProducesProblem(429)
            .WithSummary("Sign in and get a bearer token");

        g.MapPost("/second-factor/enrol", async (EnrolRequest? body, SignIn signIn, SecondFactor secondFactor, CancellationToken ct) =>
        {
            var account = await EnrollingAsync(body, signIn, ct);
            if (account is null) return BadCredentials();
            var enrolment = await secondFactor.BeginAsync(account, ct);
            return Results.Ok(new EnrolmentResponse(enrolment.Secret, enrolment.OtpAuthUri));
        }).WithName("enrolSecondFactor").AllowAnonymous().RequireRateLimiting(SignInRateLimit.Policy)
            .Produces<EnrolmentResponse>().ProducesProblem(401).ProducesProblem(409).ProducesProblem(423).ProducesProblem(429)
            .WithSummary("Enrol a second factor");

        g.MapPost("/second-factor/confirm", async (EnrolRequest? body, SignIn signIn, SecondFactor secondFactor, CancellationToken ct) =>
        {
            var account = await EnrollingAsync(body, signIn, ct);
            if (account is null) return BadCredentials();
            if (string.IsNullOrWhiteSpace(body!.Otp)) throw SecondFactor.BadCode("请在 otp 中提供验证器上显示的 6 位动态验证码。");
            var codes = await secondFactor.ConfirmAsync(account, body.Otp, null, ct);
            await signIn.EnrolledAsync(account, ct);
            return Results.Ok(new RecoveryCodesResponse(codes));
        }).WithName("confirmSecondFactor").AllowAnonymous().RequireRateLimiting(SignInRateLimit.Policy)
            .Produces<RecoveryCodesResponse>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(409).ProducesProblem(423).ProducesProblem(429)
            .WithSummary("Confirm a second factor");

        g.MapPost("/refresh", async (RefreshRequest? body, AccessTokens tokens, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(body?.RefreshToken)) throw new InvalidInputException("refreshToken", "required", "请提供刷新令牌（refreshToken）。");
            return await tokens.RefreshAsync(body.RefreshToken, ct) is { } response
                ? Results.Ok(response)
                : Results.Problem(title: "刷新令牌无效、已使用或已过期，请重新登录。", statusCode: 401, type: "https://oneseal.example/problems/bad-refresh-token");
        }).WithName("refreshToken").AllowAnonymous().RequireRateLimiting(SignInRateLimit.Policy)
            .Produces<TokenResponse>().ProducesProblem(401).ProducesProblem(429)
            .WithSummary("Refresh a bearer token");

        g.MapPost("/sign-out", async (HttpContext http, SignIn signIn, CancellationToken ct) =>
        {
            await signIn.SignOutEverywhereAsync(HttpActor.Of(http), ct);
            return Results.NoContent();
        }).WithName("signOut").RequireAuthorization(AuthSetup.ApiPolicy)
            .WithSummary("Sign out and revoke the token");
    }

    private static (string Username, string Password) Credentials(string? username, string? password, bool noBody)
    {
        if (noBody) throw new InvalidInputException("body", "required", "请求体不能为空。");
        if (string.IsNullOrWhiteSpace(username)) throw new InvalidInputException("username", "required", "请输入用户名。");
        if (string.IsNullOrEmpty(password)) throw new InvalidInputException("password", "required", "请输入密码。");
        return (username, password);
    }

    /// <summary>The account of a right password that has no second factor yet (a failed password counts toward the lockout).</summary>
    private static async Task<Account?> EnrollingAsync(EnrolRequest? body, SignIn signIn, CancellationToken ct)
    {
        var (username, password) = Credentials(body?.Username, body?.Password, body is null);
        var result = await signIn.CheckAsync(username, password, ct);
        if (result is null) return null;
        if (result.Account.HasSecondFactor)
            throw new ConflictException("second-factor-enrolled", "该账号已绑定动态验证码；如需更换，请先停用或请安全管理员重置。");
        return result.Account;
    }

    private static IResult BadCredentials() =>
        Results.Problem(title: "用户名或密码不正确。", statusCode: 401, type: "https://oneseal.example/problems/bad-credentials");

    /// <summary>401 naming <c>otp</c>, in the shape of the other problems that name a field (<c>errors.otp</c>).</summary>
    private static IResult OtpProblem(string rule, string message) =>
        Results.Problem(title: message, statusCode: 401, type: "https://oneseal.example/problems/" + rule,
            extensions: new Dictionary<string, object?> { ["rule"] = rule, ["field"] = "otp", ["errors"] = new Dictionary<string, string[]> { ["otp"] = [message] } });
}
