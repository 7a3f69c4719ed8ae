using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation.Regions;
using OneSeal.Platform.Database;
using OneSeal.Platform.Time;

namespace OneSeal.Organisation.DemoData;

/// <summary>
/// Demo mode only: the fictional 青山县's region tree (county → townships and streets → villages and communities) and
/// the rest of its organisation tree around the bureau and departments the catalog seed entered: the bureau's
/// sections, a department's approval section, the service centre with its hall, and a township's service point.
/// The regions are seeded once (when none exists yet); organisations added to the list later join an older demo database.
/// </summary>
public static class OrganisationSeed
{
    public const string County = "360999000000";
    public const string ServiceCentreCode = "ZWFWZX", HallCode = "ZWFWZX-DT";

    private static readonly (string Code, string Name)[] Regions =
    [
        (County, "青山县"),
        ("360999001000", "城关街道"), ("360999001001", "解放路社区"), ("360999001002", "五一路社区"),
        ("360999100000", "青山镇"), ("360999100201", "青山村"), ("360999100202", "龙口村"),
        ("360999101000", "石门镇"), ("360999101201", "石门村"),
        ("360999200000", "白沙乡"), ("360999200201", "白沙村"),
    ];

    private sealed record Unit(string Code, string Name, string? ShortName, OrganisationKind Kind, string? Parent, string Region,
        string? Uscc = null, string? Address = null, string? Phone = null);

    private static readonly Unit[] Units =
    [
        new("XZSPJ-SCZR", "市场准入审批科", "市场准入科", OrganisationKind.Section, "XZSPJ", County, Phone: "0796-7236011"),
        new("XZSPJ-TZJS", "投资建设审批科", "投资建设科", OrganisationKind.Section, "XZSPJ", County, Phone: "0796-7236012"),
        new("XZSPJ-SHSW", "社会事务审批科", "社会事务科", OrganisationKind.Section, "XZSPJ", County, Phone: "0796-7236013"),
        new("SCJGJ-XZSP", "青山县市场监督管理局行政审批股", "市场监管审批股", OrganisationKind.Section, "SCJGJ", County, Phone: "0796-7231316"),
        // 三集中三到位: each department that keeps items (not transferred to the bureau) approves them in one section.
        new("MZJ-XZSP", "青山县民政局行政审批股", "民政审批股", OrganisationKind.Section, "MZJ", County, Phone: "0796-7237510"),
        new("RSJ-XZSP", "青山县人力资源和社会保障局行政审批股", "人社审批股", OrganisationKind.Section, "RSJ", County, Phone: "0796-7230925"),
        new("ZRZYJ-XZSP", "青山县自然资源局行政审批股", "自然资源审批股", OrganisationKind.Section, "ZRZYJ", County, Phone: "0796-7238612"),
        new("WSJKW-XZSP", "青山县卫生健康委员会行政审批股", "卫健审批股", OrganisationKind.Section, "WSJKW", County, Phone: "0796-7232130"),
        new(ServiceCentreCode, "青山县政务服务中心", "政务服务中心", OrganisationKind.ServiceCentre, "XZSPJ", County,
            "12360999MB19626016", "青山县人民大道88号", "0796-7236100"),
        new(HallCode, "青山县政务服务大厅", "政务大厅", OrganisationKind.Hall, ServiceCentreCode, County, Address: "青山县人民大道88号一至三楼", Phone: "0796-7236101"),
        new("QSZ-BMFW", "青山镇便民服务中心", "青山镇便民中心", OrganisationKind.ServicePoint, ServiceCentreCode, "360999100000",
            Address: "青山镇青山大道12号", Phone: "0796-7250001"),
        new("QSC-DBD", "青山村便民代办点", "青山村代办点", OrganisationKind.ServicePoint, "QSZ-BMFW", "360999100201", Address: "青山镇青山村村委会"),
    ];

    /// <summary>
    /// The sections of <paramref name="parent"/> in the list, as new agencies: the catalog seed adds the bureau's before its
    /// transfer versions name them as 承办科室; <see cref="SeedAsync"/> skips codes that exist.
    /// </summary>
    public static IEnumerable<Agency> SectionsOf(Agency parent) => Units
        .Where(u => u.Kind == OrganisationKind.Section && u.Parent == parent.Code)
        .Select(u => New(u, parent.Id));

    private static Agency New(Unit u, Guid parentId) => new()
    {
        Id = Guid.NewGuid(), Code = u.Code, Name = u.Name, ShortName = u.ShortName, Kind = u.Kind, ParentId = parentId,
        RegionCode = u.Region, Uscc = u.Uscc, Address = u.Address, Phone = u.Phone,
    };

    public static async Task SeedAsync(OneSealDb db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.Now();
        if (!await db.Set<Region>().AnyAsync(ct))
            db.AddRange(Regions.Select(r => new Region
            {
                Code = r.Code, Name = r.Name, Level = RegionCodes.LevelOf(r.Code)!.Value, ParentCode = RegionCodes.ParentOf(r.Code), CreatedAt = now,
            }));
        var ids = await db.Set<Agency>().ToDictionaryAsync(a => a.Code, a => a.Id, ct);
        if (!ids.ContainsKey("XZSPJ") || !ids.ContainsKey("SCJGJ")) { await db.SaveChangesAsync(ct); return; }
        foreach (var u in Units)
        {
            if (ids.ContainsKey(u.Code) || u.Parent is null || !ids.ContainsKey(u.Parent)) continue;
            var agency = New(u, ids[u.Parent]);
            ids[u.Code] = agency.Id;
            db.Add(agency);
        }
        await db.SaveChangesAsync(ct);
    }
}
