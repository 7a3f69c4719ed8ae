using OneSeal.Platform.Time;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Security;

namespace OneSeal.Organisation.Accounts;

/// <summary>Checks a username and password; used by the login page and <c>POST /api/v1/auth/token</c>.</summary>
public sealed class SignIn(OneSealDb db, TimeProvider clock)
{
    private static readonly PasswordHasher<Account> Hasher = new();

    public async Task<Account?> CheckAsync(string? username, string? password, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(username) || string.IsNullOrEmpty(password)) return null;
        var account = await db.Set<Account>().Include(a => a.Roles).FirstOrDefaultAsync(a => a.Username == username.Trim(), ct);
        var ok = account is { Disabled: false } && Hasher.VerifyHashedPassword(account, account.PasswordHash, password) != PasswordVerificationResult.Failed;
        db.Audit(ok ? Actor.From(Actor.ToPrincipal(account!, "password")) : null, ok ? "auth.sign-in" : "auth.sign-in-failed",
            "account", username.Trim(), null, clock.Now());
        await db.CommitAsync(ct);
        return ok ? account : null;
    }
}
