using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Security;

namespace OneSeal.Organisation.Accounts;

/// <summary>Ends every session of an account: a new security stamp voids its cookies, access and refresh tokens.</summary>
public static class AccountSessions
{
    public static async Task EndAllAsync(OneSealDb db, Guid accountId, Actor? actor, string action, DateTimeOffset now, CancellationToken ct)
    {
        var stamp = Account.NewSecurityStamp();
        var username = await db.Set<Account>().Where(a => a.Id == accountId).Select(a => a.Username).FirstOrDefaultAsync(ct);
        if (username is null) return;
        await db.Set<Account>().Where(a => a.Id == accountId).ExecuteUpdateAsync(u => u.SetProperty(a => a.SecurityStamp, stamp), ct);
        db.Audit(actor, action, "account", username, null, now);
        await db.CommitAsync(ct);
    }
}
