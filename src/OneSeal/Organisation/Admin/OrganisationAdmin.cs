using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation.Regions;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;

namespace OneSeal.Organisation.Admin;

/// <summary>
/// The system administrator keeps the organisation tree and the region tree: create, edit (rename), move, close. Nothing
/// is deleted, because cases, items and accounts refer to organisations; a closed one stays, taking no new work. Each
/// command is one transaction with its audit entry; the directory forgets the organisation so the next read sees it.
/// </summary>
public sealed class OrganisationAdmin(OneSealDb db, TimeProvider clock, AgencyDirectory directory, IEnumerable<IOrganisationClosingCheck> closingChecks)
{
    public async Task<Agency> CreateAsync(Actor actor, OrganisationInput input, CancellationToken ct)
    {
        EnsureAdmin(actor);
        var rules = new OrganisationRules();
        var code = rules.Code(input.Code);
        var kind = rules.Kind(input.Kind);
        var agency = new Agency { Id = Guid.NewGuid(), Code = code, Name = "", Kind = kind ?? OrganisationKind.Section, RegionCode = "", ParentId = input.ParentId };
        var region = await FillAsync(agency, rules, input.Name, input.ShortName, input.Uscc, input.Address, input.Phone, input.RegionCode, ct);
        if (!rules.Has("code") && await db.Set<Agency>().AnyAsync(a => a.Code == code, ct))
            rules.Add("code", "duplicate", $"机构代码“{code}”已被使用。");
        if (kind is { } k)
        {
            var parent = await ParentAsync(input.ParentId, rules, ct);
            if (!rules.Has("parentId") && OrganisationRules.ParentProblem(k, parent?.Kind) is { } problem) rules.Add("parentId", "parent-kind", problem);
            RegionFits(k, region, rules);
        }
        rules.ThrowIfAny();
        db.Add(agency);
        db.Audit(actor, "organisation.created", "organisation", agency.Id.ToString(), Describe(agency), clock.Now());
        await db.CommitAsync(ct);
        return agency;
    }

    public async Task<Agency> EditAsync(Actor actor, Guid id, OrganisationEdit input, CancellationToken ct)
    {
        EnsureAdmin(actor);
        var agency = await FindAsync(id, ct);
        if (agency.ClosedAt is not null) throw new ConflictException("closed", $"“{agency.Name}”已撤销，不能再修改。");
        var before = Describe(agency);
        var rules = new OrganisationRules();
        var region = await FillAsync(agency, rules, input.Name, input.ShortName, input.Uscc, input.Address, input.Phone, input.RegionCode, ct);
        RegionFits(agency.Kind, region, rules);
        rules.ThrowIfAny();
        db.Audit(actor, "organisation.edited", "organisation", agency.Id.ToString(), $"{before} → {Describe(agency)}", clock.Now());
        await db.CommitAsync(ct);
        directory.Forget(id);
        return agency;
    }

    public async Task<Agency> MoveAsync(Actor actor, Guid id, Guid? parentId, CancellationToken ct)
    {
        EnsureAdmin(actor);
        var agency = await FindAsync(id, ct);
        if (agency.ClosedAt is not null) throw new ConflictException("closed", $"“{agency.Name}”已撤销，不能再调整隶属关系。");
        var rules = new OrganisationRules();
        if (parentId == id) rules.Add("parentId", "cycle", "机构不能成为自己的上级。");
        var parent = rules.Has("parentId") ? null : await ParentAsync(parentId, rules, ct);
        if (!rules.Has("parentId") && OrganisationRules.ParentProblem(agency.Kind, parent?.Kind) is { } problem) rules.Add("parentId", "parent-kind", problem);
        if (!rules.Has("parentId") && parent is not null && await IsBelowAsync(parent.Id, id, ct))
            rules.Add("parentId", "cycle", $"“{parent.Name}”是“{agency.Name}”的下级机构，不能调到它之下。");
        rules.ThrowIfAny();
        var from = agency.ParentId is { } old ? (await db.Set<Agency>().AsNoTracking().FirstAsync(a => a.Id == old, ct)).Name : "顶层";
        agency.ParentId = parentId;
        db.Audit(actor, "organisation.moved", "organisation", agency.Id.ToString(), $"{agency.Name}：{from} → {parent?.Name ?? "顶层"}", clock.Now());
        await db.CommitAsync(ct);
        directory.Forget(id);
        return agency;
    }

    /// <summary>
    /// Closes (撤销) an organisation. Refused while it still has open organisations under it or enabled staff (they would
    /// be left without a working organisation), or while another capability needs it (a hall's open windows). Cases
    /// already running under it are not touched: they finish where they are.
    /// </summary>
    public async Task<Agency> CloseAsync(Actor actor, Guid id, string? reason, CancellationToken ct)
    {
        EnsureAdmin(actor);
        var rules = new OrganisationRules();
        var why = rules.Text(reason, "reason", "撤销依据（文件或原因）", 200, required: true);
        rules.ThrowIfAny();
        var agency = await FindAsync(id, ct);
        if (agency.ClosedAt is not null) throw new ConflictException("closed", $"“{agency.Name}”已经撤销。");
        var children = await db.Set<Agency>().Where(a => a.ParentId == id && a.ClosedAt == null).Select(a => a.Name).ToListAsync(ct);
        if (children.Count > 0)
            throw new ConflictException("open-children", $"“{agency.Name}”下还有未撤销的机构：{string.Join("、", children.Take(5))}{(children.Count > 5 ? " 等" : "")}。请先撤销或调出。");
        var staff = await db.Set<Account>().CountAsync(a => a.OrganisationId == id && !a.Disabled, ct);
        if (staff > 0) throw new ConflictException("active-staff", $"“{agency.Name}”还有 {staff} 名在用的工作人员账号，请先调到其他机构或停用。");
        foreach (var check in closingChecks)
            if (await check.ReasonToStayOpenAsync(id, ct) is { } obstacle) throw new ConflictException("in-use", obstacle);
        agency.ClosedAt = clock.Now();
        db.Audit(actor, "organisation.closed", "organisation", agency.Id.ToString(), $"{agency.Name}：{why}", agency.ClosedAt.Value);
        await db.CommitAsync(ct);
        directory.Forget(id);
        return agency;
    }

    /// <summary>Adds a county, township or village; its level and parent come from its code, and the parent must exist.</summary>
    public async Task<Region> CreateRegionAsync(Actor actor, RegionInput input, CancellationToken ct)
    {
        EnsureAdmin(actor);
        var rules = new OrganisationRules();
        var name = rules.Text(input.Name, "name", "区划名称", 64, required: true);
        var code = input.Code?.Trim() ?? "";
        var level = code.Length == RegionCodes.Length && code.All(char.IsAsciiDigit) ? RegionCodes.LevelOf(code) : null;
        if (level is null)
            rules.Add("code", "region-code", "区划代码应为12位数字（GB/T 2260 县级6位 + 乡镇3位 + 村3位，如 360999100000）。");
        else if (await db.Set<Region>().AnyAsync(r => r.Code == code, ct))
            rules.Add("code", "duplicate", $"区划代码 {code} 已登记。");
        var parent = level is null ? null : RegionCodes.ParentOf(code);
        if (parent is not null && !rules.Has("code") && !await db.Set<Region>().AnyAsync(r => r.Code == parent, ct))
            rules.Add("code", "parent-missing", $"请先登记上级区划 {parent}。");
        if (level == RegionLevel.County && !rules.Has("code") && await db.Set<Region>().AnyAsync(r => r.Level == RegionLevel.County, ct))
            rules.Add("code", "one-county", "本系统服务一个县（市、区），县级区划已登记。");
        rules.ThrowIfAny();
        var region = new Region { Code = code, Name = name, Level = level!.Value, ParentCode = parent, CreatedAt = clock.Now() };
        db.Add(region);
        db.Audit(actor, "region.created", "region", code, $"{name}（{RegionCodes.Label(region.Level)}）", region.CreatedAt);
        await db.CommitAsync(ct);
        return region;
    }

    public static void EnsureAdmin(Actor actor)
    {
        if (!actor.Has(Roles.Admin)) throw new ForbiddenException("role", "只有系统管理员可以维护组织机构和行政区划。");
    }

    private async Task<Region?> FillAsync(Agency agency, OrganisationRules rules, string? name, string? shortName, string? uscc,
        string? address, string? phone, string? regionCode, CancellationToken ct)
    {
        agency.Name = rules.Text(name, "name", "机构名称", 128, required: true);
        agency.ShortName = rules.Optional(shortName, "shortName", "简称", 32);
        agency.Uscc = rules.Uscc(uscc);
        agency.Address = rules.Optional(address, "address", "地址", 256);
        agency.Phone = rules.Phone(phone);
        var code = RegionCodes.Normalise(regionCode);
        var region = code is null ? null : await db.Set<Region>().AsNoTracking().FirstOrDefaultAsync(r => r.Code == code, ct);
        if (string.IsNullOrWhiteSpace(regionCode)) rules.Add("regionCode", "required", "请选择所在行政区划。");
        else if (region is null) rules.Add("regionCode", "unknown-region", $"行政区划代码“{regionCode.Trim()}”未登记，请先在行政区划中添加。");
        else agency.RegionCode = region.Code;
        return region;
    }

    /// <summary>A service point serves a township or a village; the county's own bodies sit at the county.</summary>
    private static void RegionFits(OrganisationKind kind, Region? region, OrganisationRules rules)
    {
        if (region is null || rules.Has("regionCode")) return;
        if (kind == OrganisationKind.ServicePoint && region.Level == RegionLevel.County)
            rules.Add("regionCode", "service-point-region", "便民服务中心（代办点）应设在乡镇（街道）或村（社区），请选择对应的区划。");
    }

    private async Task<Agency?> ParentAsync(Guid? parentId, OrganisationRules rules, CancellationToken ct)
    {
        if (parentId is not { } pid) return null;
        var parent = await db.Set<Agency>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == pid, ct);
        if (parent is null) rules.Add("parentId", "unknown", "所选上级机构不存在。");
        else if (parent.ClosedAt is not null) rules.Add("parentId", "closed", $"上级机构“{parent.Name}”已撤销。");
        return parent;
    }

    /// <summary>Whether <paramref name="candidate"/> is <paramref name="ancestor"/> or below it (bounded, in case the data already holds a cycle).</summary>
    private async Task<bool> IsBelowAsync(Guid candidate, Guid ancestor, CancellationToken ct)
    {
        Guid? next = candidate;
        for (var depth = 0; next is { } current && depth < 32; depth++)
        {
            if (current == ancestor) return true;
            next = await db.Set<Agency>().Where(a => a.Id == current).Select(a => a.ParentId).FirstOrDefaultAsync(ct);
        }
        return next is not null;
    }

    private async Task<Agency> FindAsync(Guid id, CancellationToken ct) =>
        await db.Set<Agency>().FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw new NotFoundException("该机构不存在。");

    private static string Describe(Agency a) =>
        $"{a.Name}（{OrganisationLabels.Of(a.Kind)}，代码 {a.Code}，区划 {a.RegionCode}{(a.ShortName is null ? "" : "，简称 " + a.ShortName)}{(a.Uscc is null ? "" : "，信用代码 " + a.Uscc)}{(a.Phone is null ? "" : "，电话 " + a.Phone)}）";
}
