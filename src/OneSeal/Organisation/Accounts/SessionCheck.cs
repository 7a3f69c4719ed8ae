using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Database;
using OneSeal.Platform.Security;

namespace OneSeal.Organisation.Accounts;

/// <summary>
/// A session is good while the account exists, is not disabled, and still has the security stamp the cookie or token
/// was issued under. Checked on every authenticated request (one primary-key read), so disabling an account, changing
/// its roles or password, or signing out ends its cookies and tokens at their next request.
/// </summary>
public sealed class SessionCheck(OneSealDb db) : ISessionCheck
{
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal? user, CancellationToken ct)
    {
        var stamp = user?.FindFirstValue(Actor.StampClaim);
        if (stamp is null || !Guid.TryParse(user!.FindFirstValue(ClaimTypes.NameIdentifier), out var id)) return false;
        var account = await db.Set<Account>().AsNoTracking().Where(a => a.Id == id)
            .Select(a => new { a.SecurityStamp, a.Disabled }).FirstOrDefaultAsync(ct);
        return account is { Disabled: false } && account.SecurityStamp == stamp;
    }
}
