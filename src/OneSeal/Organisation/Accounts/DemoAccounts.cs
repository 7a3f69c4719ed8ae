using OneSeal.Platform.Time;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation.Identifiers;
using OneSeal.Platform.Database;
using OneSeal.Platform.Security;

namespace OneSeal.Organisation.Accounts;

/// <summary>Demo mode only: the accounts listed in the README, all with the password <see cref="Password"/>.</summary>
public static class DemoAccounts
{
    public const string Password = "OneSeal#2026";

    private sealed record Demo(string Username, string DisplayName, AccountKind Kind, string? AgencyCode, string? Identity, string Phone, params string[] Roles);

    private static readonly Demo[] All =
    [
        new("applicant", "张三", AccountKind.Citizen, null, "360999199003071239", "13807960001", Roles.Applicant),
        new("company", "青山县味道餐饮管理有限公司", AccountKind.Enterprise, null, "91360999MA35QT8K7B", "13807960002", Roles.Applicant),
        new("clerk", "李窗口", AccountKind.Staff, "XZSPJ", null, "0796-8200101", Roles.Clerk),
        new("clerk2", "王窗口", AccountKind.Staff, "XZSPJ", null, "0796-8200102", Roles.Clerk),
        new("reviewer", "赵审查", AccountKind.Staff, "XZSPJ", null, "0796-8200103", Roles.Reviewer),
        new("chief", "钱科长", AccountKind.Staff, "XZSPJ", null, "0796-8200104", Roles.Chief),
        new("dept", "孙监管", AccountKind.Staff, "SCJGJ", null, "0796-8200201", Roles.DepartmentStaff),
        new("monitor", "周监察", AccountKind.Staff, "XZSPJ", null, "0796-8200105", Roles.Monitor),
        new("admin", "吴管理员", AccountKind.Staff, "XZSPJ", null, "0796-8200106", Roles.Admin),
        // A second catalog administrator: the one who submits a version may not publish it (PublishRules.FourEyes).
        new("admin2", "郑管理员", AccountKind.Staff, "XZSPJ", null, "0796-8200107", Roles.Admin),
        // 三员分立: the security administrator and the audit administrator, each holding that one role only.
        new("secadmin", "冯安全", AccountKind.Staff, "XZSPJ", null, "0796-8200108", Roles.SecurityAdmin),
        new("auditor", "陈审计", AccountKind.Staff, "XZSPJ", null, "0796-8200109", Roles.AuditAdmin),
        // 三集中三到位: 民政局's approval section takes, reviews and decides its items not transferred, at its hall window
        // (E03); three people, as one may not accept, review and decide the same case.
        new("deptclerk", "刘民政", AccountKind.Staff, "MZJ-XZSP", null, "0796-8200301", Roles.Clerk),
        new("deptreviewer", "何民政", AccountKind.Staff, "MZJ-XZSP", null, "0796-8200302", Roles.Reviewer),
        new("deptchief", "高首席", AccountKind.Staff, "MZJ-XZSP", null, "0796-8200303", Roles.Chief),
        // issue 11 — the window chief (首席窗口长): all five powers granted in demo mode (Hall/Chief/WindowChiefPowers.SeedDemoAsync)
        new("winchief", "何首席", AccountKind.Staff, "XZSPJ", null, "0796-8200110", Roles.WindowChief),
        // issue 11 — results and fees: the central fee window's A post (集中收费窗口).
        new("cashier", "孙收费", AccountKind.Staff, "XZSPJ", null, "0796-8200111", Roles.FeeClerk),
        // issue 13 — exchange: the county exchange platform's account, reading the event feed (GET /api/v1/events)
        new("exchange", "县信息交换平台", AccountKind.Staff, "XZSPJ", null, "0796-8200199", Roles.Integration),
    ];

    public static async Task SeedAsync(OneSealDb db, PersonalData personalData, PasswordHashing passwords, TimeProvider clock, CancellationToken ct)
    {
        // Accounts added to the list later (admin2, secadmin, auditor) join a demo database seeded before them.
        var existing = (await db.Set<Account>().Select(a => a.Username).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        if (All.All(d => existing.Contains(d.Username))) return;
        var agencies = await db.Set<Agency>().ToDictionaryAsync(a => a.Code, a => a.Id, ct);
        var hasher = passwords.Hasher;
        foreach (var d in All.Where(d => !existing.Contains(d.Username)))
        {
            var account = new Account
            {
                Id = Guid.NewGuid(), Username = d.Username, DisplayName = d.DisplayName, Kind = d.Kind, PasswordHash = "",
                OrganisationId = d.AgencyCode is null ? null : agencies[d.AgencyCode], Phone = d.Phone,
                IdentityCodeProtected = d.Identity is null ? null : personalData.Protect(d.Identity),
                IdentityCodeMasked = d.Identity is null ? null : Masking.MaskIdentity(d.Identity),
                CreatedAt = clock.Now(),
                Roles = d.Roles.Select(r => new AccountRole { Role = r }).ToList(),
            };
            account.PasswordHash = hasher.HashPassword(account, Password);
            db.Add(account);
        }
        await db.SaveChangesAsync(ct);
    }
}
