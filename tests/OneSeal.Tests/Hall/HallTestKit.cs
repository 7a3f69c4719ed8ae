using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation;
using OneSeal.Platform.Security;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Hall;

/// <summary>Staff the demo data lacks (a clerk of another organisation, a window chief), for the hall's tests.</summary>
public static class HallTestKit
{
    /// <summary>A new staff account of the organisation <paramref name="agencyCode"/> with <paramref name="role"/>; password the demo one.</summary>
    public static Task<string> NewStaffAsync(OneSealFactory app, string agencyCode, string role, string displayName = "测试人员") => app.InDb(async db =>
    {
        var organisation = await db.Set<Agency>().Where(a => a.Code == agencyCode).Select(a => a.Id).SingleAsync();
        var id = Guid.NewGuid();
        var account = new Account
        {
            Id = id, Username = "h" + id.ToString("N")[..12], DisplayName = displayName, Kind = AccountKind.Staff, PasswordHash = "",
            OrganisationId = organisation, CreatedAt = DateTimeOffset.UnixEpoch, Roles = [new AccountRole { AccountId = id, Role = role }],
        };
        account.PasswordHash = new PasswordHasher<Account>().HashPassword(account, OneSealFactory.DemoPassword);
        db.Add(account);
        await db.SaveChangesAsync();
        return account.Username;
    });
}
