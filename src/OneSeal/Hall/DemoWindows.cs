using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation;
using OneSeal.Organisation.DemoData;
using OneSeal.Platform.Database;
using OneSeal.Platform.Time;

namespace OneSeal.Hall;

/// <summary>
/// Demo mode only: the windows of 青山县政务服务大厅 — two comprehensive windows by field, the market regulator's window
/// for its items not transferred, result, fee and enquiry — staffed by the demo clerks (A and B posts). A window whose
/// number the hall already has is left alone, so windows added to the list later join an older demo database.
/// </summary>
public static class DemoWindows
{
    private sealed record Row(string Number, string Name, string Zone, WindowKind Kind, string[] Themes, string? Department, string? A, string? B);

    private static readonly Row[] Rows =
    [
        new("A01", "综合受理一号窗口", "综合受理区", WindowKind.Comprehensive, ["market", "social"], null, "clerk", "clerk2"),
        new("A02", "综合受理二号窗口", "综合受理区", WindowKind.Comprehensive, ["construction", "agriculture", "transport"], null, "clerk2", "clerk"),
        new("E01", "市场监管局窗口", "部门专区（二楼）", WindowKind.Department, [], "SCJGJ", "dept", null),
        new("C01", "综合出件窗口", "出件区", WindowKind.Result, [], null, "clerk", "clerk2"),
        // issue 11 — results and fees: the fee window is staffed by the fee clerk (收费员), who alone records payments.
        new("D01", "集中收费窗口", "收费区", WindowKind.Fee, [], null, "cashier", null),
        new("Q01", "咨询导办台", "咨询导办区", WindowKind.Enquiry, [], null, "clerk", null),
        // 三集中三到位: the department windows of 民政局, 人社局 and 自然资源局 for their items not transferred.
        new("E02", "人社局窗口", "部门专区（二楼）", WindowKind.Department, [], "RSJ", null, null),
        new("E03", "民政局窗口", "部门专区（二楼）", WindowKind.Department, [], "MZJ", "deptclerk", null),
        new("F02", "自然资源局窗口", "部门专区（三楼）", WindowKind.Department, [], "ZRZYJ", null, null),
    ];

    public static async Task SeedAsync(OneSealDb db, TimeProvider clock, CancellationToken ct)
    {
        var codes = Rows.Select(r => r.Department).OfType<string>().Append(OrganisationSeed.HallCode).ToList();
        var agencies = await db.Set<Agency>().Where(a => codes.Contains(a.Code)).ToDictionaryAsync(a => a.Code, a => a.Id, ct);
        if (!agencies.TryGetValue(OrganisationSeed.HallCode, out var hall)) return;
        var numbers = (await db.Set<Window>().Where(w => w.HallId == hall).Select(w => w.Number).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var accounts = await db.Set<Account>().Where(a => a.Kind == Platform.Security.AccountKind.Staff).ToDictionaryAsync(a => a.Username, a => a.Id, ct);
        Guid? Account(string? username) => username is not null && accounts.TryGetValue(username, out var id) ? id : null;
        var now = clock.Now();
        foreach (var r in Rows.Where(r => !numbers.Contains(r.Number) && (r.Department is null || agencies.ContainsKey(r.Department))))
        {
            var id = Guid.NewGuid();
            db.Add(new Window
            {
                Id = id, Number = r.Number, Name = r.Name, HallId = hall, Zone = r.Zone, Kind = r.Kind, CreatedAt = now,
                DepartmentId = r.Department is null ? null : agencies[r.Department],
                APostId = Account(r.A), BPostId = Account(r.A) is null ? null : Account(r.B),
                Themes = r.Themes.Select(t => new WindowTheme { WindowId = id, ThemeCode = t }).ToList(),
            });
        }
        await db.SaveChangesAsync(ct);
    }
}
