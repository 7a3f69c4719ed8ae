using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Time;

namespace OneSeal.Organisation.Accounts;

/// <summary>
/// Five failed sign-ins within fifteen minutes lock an account for fifteen minutes. The count lives in the account row
/// and is moved by one conditional UPDATE, so every instance sees it and concurrent failures are all counted.
/// </summary>
public static class Lockout
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(15);

    public static bool IsLocked(Account account, DateTimeOffset now) => account.LockedUntil > now;

    /// <summary>Counts a failure; returns the instant the account is now locked until, if this failure locked it.</summary>
    public static async Task<DateTimeOffset?> RegisterFailureAsync(OneSealDb db, Guid accountId, DateTimeOffset now, CancellationToken ct)
    {
        var windowStart = now - Window;
        var until = now + Duration;
        // SET reads the row's old values throughout: a failure inside the window adds one (and locks at the fifth),
        // one after it starts a new window.
        await db.Set<Account>().Where(a => a.Id == accountId).ExecuteUpdateAsync(u => u
            .SetProperty(a => a.LockedUntil, a => a.FailedSignInsSince > windowStart && a.FailedSignIns + 1 >= MaxFailures ? until : a.LockedUntil)
            .SetProperty(a => a.FailedSignIns, a => a.FailedSignInsSince > windowStart ? a.FailedSignIns + 1 : 1)
            .SetProperty(a => a.FailedSignInsSince, a => a.FailedSignInsSince > windowStart ? a.FailedSignInsSince : now), ct);
        var lockedUntil = await db.Set<Account>().AsNoTracking().Where(a => a.Id == accountId).Select(a => a.LockedUntil).FirstAsync(ct);
        return lockedUntil == until ? until : null;
    }

    public static Task ResetAsync(OneSealDb db, Guid accountId, CancellationToken ct) =>
        db.Set<Account>().Where(a => a.Id == accountId && (a.FailedSignIns != 0 || a.LockedUntil != null))
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.FailedSignIns, 0).SetProperty(a => a.FailedSignInsSince, (DateTimeOffset?)null)
                .SetProperty(a => a.LockedUntil, (DateTimeOffset?)null), ct);

    /// <summary>The message a person reads, with the time (Beijing) they may try again.</summary>
    public static string Message(DateTimeOffset until) =>
        $"该账号连续登录失败次数过多，已被临时锁定，请于 {LegalDates.ToLocal(until):HH:mm} 后再试。";
}

/// <summary>423: the account is locked after too many failed sign-ins.</summary>
public sealed class AccountLockedException(DateTimeOffset until) : DomainException(Lockout.Message(until))
{
    public DateTimeOffset Until { get; } = until;
    public override int StatusCode => StatusCodes.Status423Locked;
    public override string Rule => "account-locked";
}
