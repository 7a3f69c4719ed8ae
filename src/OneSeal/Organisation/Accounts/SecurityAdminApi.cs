using OneSeal.Platform.Security;

namespace OneSeal.Organisation.Accounts;

/// <summary>The security administrator's sign-in work over the API (<see cref="SecurityAdmin"/>); each answer is 204.</summary>
public static class SecurityAdminApi
{
    public sealed record PasswordPolicyView(int StaffMinimum, int ApplicantMinimum, int Maximum, int LockoutFailures,
        int LockoutWindowMinutes, int LockoutMinutes, bool StaffSecondFactorRequired, int StaffIdleMinutes);

    public static void MapSecurityAdminApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/admin/security").RequireAuthorization(AuthSetup.ApiPolicy).WithTags("admin-security");

        g.MapGet("/locked", (HttpContext http, SecurityAdmin admin, CancellationToken ct) => admin.LockedAsync(HttpActor.Of(http), ct)).WithName("listLockedAccounts").WithSummary("List locked accounts")
            .Produces<IReadOnlyList<AccountSecurityState>>().ProducesProblem(403);

        g.MapGet("/accounts/{id:guid}", (Guid id, HttpContext http, SecurityAdmin admin, CancellationToken ct) => admin.GetAsync(HttpActor.Of(http), id, ct)).WithName("getAccountSecurity")
            .Produces<AccountSecurityState>().ProducesProblem(403).ProducesProblem(404)
            .WithSummary("Get an account's sign-in security state");

        g.MapGet("/password-policy", (HttpContext http, SecondFactorPolicy policy) =>
        {
            if (!HttpActor.Of(http).Has(Roles.SecurityAdmin)) throw new OneSeal.Platform.Http.ForbiddenException("role", "只有安全管理员可以查看口令策略。");
            return Results.Ok(Policy(policy));
        }).WithName("getPasswordPolicy").Produces<PasswordPolicyView>().ProducesProblem(403).WithSummary("Get the password policy");

        Act(g, "unlock", "unlockAccount", "Unlock an account and reset its failure count", (admin, actor, id, ct) => admin.UnlockAsync(actor, id, ct));
        Act(g, "reset-2fa", "resetSecondFactor", "Reset an account's second factor (lost phone); its sessions end and it enrols again", (admin, actor, id, ct) => admin.ResetSecondFactorAsync(actor, id, ct));
        Act(g, "sign-out", "signOutAccount", "Sign an account out everywhere", (admin, actor, id, ct) => admin.SignOutAsync(actor, id, ct));
    }

    public static PasswordPolicyView Policy(SecondFactorPolicy policy) => new(PasswordPolicy.StaffMinimum, PasswordPolicy.ApplicantMinimum,
        PasswordPolicy.Maximum, Lockout.MaxFailures, (int)Lockout.Window.TotalMinutes, (int)Lockout.Duration.TotalMinutes,
        policy.RequireForStaff, (int)AuthSetup.StaffIdleTimeout.TotalMinutes);

    private static void Act(RouteGroupBuilder g, string name, string operationId, string summary, Func<SecurityAdmin, Actor, Guid, CancellationToken, Task> act) =>
        g.MapPost("/accounts/{id:guid}/" + name, async (Guid id, HttpContext http, SecurityAdmin admin, CancellationToken ct) =>
        {
            await act(admin, HttpActor.Of(http), id, ct);
            return Results.NoContent();
        }).WithName(operationId).Produces(StatusCodes.Status204NoContent).ProducesProblem(403).ProducesProblem(404).WithSummary(summary);
}
