using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation;
using OneSeal.Platform.Database;

namespace OneSeal.Platform.Security;

/// <summary>
/// Is a signed-in principal's session still good: the account exists, is not disabled, and still has the security stamp
/// the cookie or token was issued under. Checked on every authenticated request (one primary-key read), so disabling an
/// account, changing its roles or password, or signing out ends its cookies and tokens at their next request.
/// </summary>
public static class SessionCheck
{
    public const string StampClaim = "oneseal:stamp";

    public static async Task<bool> IsCurrentAsync(ClaimsPrincipal? user, OneSealDb db, CancellationToken ct)
    {
        var stamp = user?.FindFirstValue(StampClaim);
        if (stamp is null || !Guid.TryParse(user!.FindFirstValue(ClaimTypes.NameIdentifier), out var id)) return false;
        var account = await db.Set<Account>().AsNoTracking().Where(a => a.Id == id)
            .Select(a => new { a.SecurityStamp, a.Disabled }).FirstOrDefaultAsync(ct);
        return account is { Disabled: false } && account.SecurityStamp == stamp;
    }
}
