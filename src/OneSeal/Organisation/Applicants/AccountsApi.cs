using OneSeal.Platform.Http;
using OneSeal.Platform.Security;

namespace OneSeal.Organisation.Applicants;

/// <summary>Self-service for applicants: register, prove the phone, get a code again, reset the password. No sign-in needed.</summary>
public static class AccountsApi
{
    public sealed record VerifiedResponse(string Username);

    public static void MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/accounts").WithTags("accounts").AllowAnonymous().RequireRateLimiting(SignInRateLimit.Policy);

        g.MapPost("/register", async (RegisterRequest? body, ApplicantAccounts accounts, CancellationToken ct) =>
                Results.Created((string?)null, await accounts.RegisterAsync(body, ct)))
            .Produces<RegisterResponse>(201).ProducesValidationProblem().ProducesProblem(429).ProducesProblem(503)
            .WithSummary("申请人注册（个人：姓名、身份证号码；企业：名称、统一社会信用代码）；向手机发送验证码，验证后方可登录。登录名默认为手机号码");

        g.MapPost("/verify-phone", async (VerifyPhoneRequest? body, ApplicantAccounts accounts, CancellationToken ct) =>
                Results.Ok(new VerifiedResponse(await accounts.VerifyPhoneAsync(body, ct))))
            .Produces<VerifiedResponse>().ProducesValidationProblem().ProducesProblem(409).ProducesProblem(429)
            .WithSummary("用短信验证码验证注册时填写的手机号码；验证后账号即可登录");

        g.MapPost("/send-code", async (SendCodeRequest? body, ApplicantAccounts accounts, CancellationToken ct) =>
            {
                await accounts.SendCodeAsync(body, ct);
                return Results.Accepted();
            })
            .Produces(202).ProducesValidationProblem().ProducesProblem(429).ProducesProblem(503)
            .WithSummary("重新获取验证码（purpose：register 注册 / reset 重置密码）；同一手机号 60 秒一次、24 小时最多 10 次。是否已注册不作回答");

        g.MapPost("/reset-password", async (ResetPasswordRequest? body, ApplicantAccounts accounts, CancellationToken ct) =>
            {
                if (body is null) throw new InvalidInputException("body", "required", "请求体不能为空。");
                if (body.Code is null && body.NewPassword is null)
                {
                    await accounts.SendCodeAsync(new SendCodeRequest(body.Phone, "reset"), ct);
                    return Results.Accepted();
                }
                await accounts.ResetPasswordAsync(body, ct);
                return Results.NoContent();
            })
            .Produces(202).Produces(204).ProducesValidationProblem().ProducesProblem(429).ProducesProblem(503)
            .WithSummary("用短信验证码重置密码：只给 phone 时发送验证码（202）；给 phone、code、newPassword 时设置新密码（204），原有会话全部结束");
    }
}
