using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation;
using OneSeal.Platform.Database;

namespace OneSeal.Hall.Intake;

/// <summary>Demo mode only: which of 青山县's departments each hall theme takes (seed 001's 分领域综合受理). Runs once.</summary>
public static class DemoThemeDepartments
{
    private static readonly (string Theme, string[] Departments)[] Rows =
    [
        ("market", ["SCJGJ"]),
        ("construction", ["ZRZYJ", "ZJJ", "CGJ", "SLJ", "HJJ", "YJGLJ"]),
        ("agriculture", ["NYNCJ", "LYJ"]),
        ("social", ["WSJKW", "JYTYJ", "MZJ", "WHGDLYJ"]),
        ("social-security", ["RSJ"]),
        ("real-estate", ["ZRZYJ"]),
        ("transport", ["JTYSJ"]),
    ];

    public static async Task SeedAsync(OneSealDb db, CancellationToken ct)
    {
        if (await db.Set<HallThemeDepartment>().AnyAsync(ct)) return;
        var codes = Rows.SelectMany(r => r.Departments).Distinct().ToList();
        var agencies = await db.Set<Agency>().Where(a => codes.Contains(a.Code)).ToDictionaryAsync(a => a.Code, a => a.Id, ct);
        var themes = await db.Set<HallTheme>().Select(t => t.Code).ToListAsync(ct);
        foreach (var (theme, departments) in Rows.Where(r => themes.Contains(r.Theme)))
            foreach (var d in departments.Where(agencies.ContainsKey))
                db.Add(new HallThemeDepartment { ThemeCode = theme, DepartmentId = agencies[d] });
        await db.SaveChangesAsync(ct);
    }
}
