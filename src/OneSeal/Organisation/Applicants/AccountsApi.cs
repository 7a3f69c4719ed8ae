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
                Results.Created((string?)null, await accounts.RegisterAsync(body, ct))).WithName("registerAccount")
            .Produces<RegisterResponse>(201).ProducesValidationProblem().ProducesProblem(429).ProducesProblem(503)
            .WithSummary("Register an applicant account");

        g.MapPost("/verify-phone", async (VerifyPhoneRequest? body, ApplicantAccounts accounts, CancellationToken ct) =>
                Results.Ok(new VerifiedResponse(await accounts.VerifyPhoneAsync(body, ct)))).WithName("verifyPhone")
            .Produces<VerifiedResponse>().ProducesValidationProblem().ProducesProblem(409).ProducesProblem(429)
            .WithSummary("Verify an applicant's phone with a one-time code");

        g.MapPost("/send-code", async (SendCodeRequest? body, ApplicantAccounts accounts, CancellationToken ct) =>
            {
                await accounts.SendCodeAsync(body, ct);
                return Results.Accepted();
            }).WithName("sendCode")
            .Produces(202).ProducesValidationProblem().ProducesProblem(429).ProducesProblem(503)
            .WithSummary("Send a one-time code by SMS");

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
            }).WithName("resetPassword")
            .Produces(202).Produces(204).ProducesValidationProblem().ProducesProblem(429).ProducesProblem(503)
            .WithSummary("Reset a password with a one-time code");
    }
}
