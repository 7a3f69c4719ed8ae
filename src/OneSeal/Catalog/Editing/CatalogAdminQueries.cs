using Microsoft.EntityFrameworkCore;
using OneSeal.Catalog.Versions;
using OneSeal.Organisation;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;

namespace OneSeal.Catalog.Editing;

/// <summary>
/// The catalog administrator's reads: every item with its version in force and its open draft, the history of one
/// item (versions of any status), one version, and the diff between two. The public sees published versions only
/// (<see cref="CatalogQueries"/>); here drafts are visible, so each read is for administrators except the diff of
/// published versions.
/// </summary>
public sealed class CatalogAdminQueries(OneSealDb db, TimeProvider clock)
{
    public sealed record ItemRow(string Code, string Name, string Department, Guid DepartmentId,
        int? InForceVersion, DateOnly? InForceSince, int? DraftVersion, ItemVersionStatus? DraftStatus, DateOnly? PendingFrom);

    public sealed record VersionRow(int Version, ItemVersionStatus Status, string Name, DateOnly? EffectiveFrom, DateOnly? SupersededOn,
        string? ChangeNote, DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt, string? PublishedBy, bool InForce);

    /// <summary>Items whose code or name contains <paramref name="q"/>, of the competent department <paramref name="department"/> (agency code), by code.</summary>
    public async Task<List<ItemRow>> ListAsync(Actor actor, string? q, string? department, CancellationToken ct)
    {
        EnsureAdmin(actor);
        var query = db.Set<Item>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim();
            query = query.Where(i => i.Code.Contains(text) || i.Name.Contains(text));
        }
        if (!string.IsNullOrWhiteSpace(department))
        {
            var code = department.Trim();
            query = query.Where(i => db.Set<Agency>().Any(a => a.Id == i.CompetentDepartmentId && a.Code == code));
        }
        var versions = await query.Select(i => new { i.Code, i.Version, i.Status, i.EffectiveFrom, i.Name, i.CompetentDepartmentId }).ToListAsync(ct);
        var names = await db.Set<Agency>().AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var today = LegalDates.Today(clock);
        return versions.GroupBy(v => v.Code).Select(g =>
        {
            var inForce = ItemVersions.InForceAmong(g, today, v => (v.Status, v.EffectiveFrom, v.Version));
            var pending = g.Where(v => v.Status == ItemVersionStatus.Published && !ItemVersions.IsEffective(v.Status, v.EffectiveFrom, today)).MaxBy(v => v.Version);
            var draft = g.FirstOrDefault(v => v.Status is ItemVersionStatus.Draft or ItemVersionStatus.InReview);
            var shown = inForce ?? g.MaxBy(v => v.Version)!;
            return new ItemRow(g.Key, shown.Name, names.GetValueOrDefault(shown.CompetentDepartmentId, ""), shown.CompetentDepartmentId,
                inForce?.Version, inForce?.EffectiveFrom, draft?.Version, draft?.Status, pending?.EffectiveFrom);
        }).OrderBy(r => r.Code, StringComparer.Ordinal).ToList();
    }

    /// <summary>Every version of <paramref name="code"/>, newest first, with who published it; 404 when the item does not exist.</summary>
    public async Task<List<VersionRow>> HistoryAsync(Actor actor, string code, CancellationToken ct)
    {
        var rows = await HistoryOrEmptyAsync(actor, code, ct);
        return rows.Count > 0 ? rows : throw new NotFoundException($"事项“{code}”不存在。");
    }

    /// <summary>Every version of <paramref name="code"/>, newest first; empty when the item does not exist.</summary>
    public async Task<List<VersionRow>> HistoryOrEmptyAsync(Actor actor, string code, CancellationToken ct)
    {
        EnsureAdmin(actor);
        var rows = await db.Set<Item>().AsNoTracking().Where(i => i.Code == code).OrderByDescending(i => i.Version)
            .Select(i => new { i.Version, i.Status, i.Name, i.EffectiveFrom, i.SupersededOn, i.ChangeNote, i.CreatedAt, i.PublishedAt, i.PublishedById })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.PublishedById).OfType<Guid>().Distinct().ToList();
        var people = await db.Set<Account>().AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.DisplayName, ct);
        var today = LegalDates.Today(clock);
        var inForce = ItemVersions.InForceAmong(rows, today, r => (r.Status, r.EffectiveFrom, r.Version))?.Version;
        return rows.Select(r => new VersionRow(r.Version, r.Status, r.Name, r.EffectiveFrom, r.SupersededOn, r.ChangeNote, r.CreatedAt, r.PublishedAt,
            r.PublishedById is { } id ? people.GetValueOrDefault(id) : null, r.Version == inForce)).ToList();
    }

    /// <summary>
    /// The changes from version <paramref name="from"/> to <paramref name="to"/>. Administrators may compare any versions;
    /// anyone else only published or superseded ones (a draft is not public until it is published).
    /// </summary>
    public async Task<List<ItemChange>> DiffAsync(Actor? actor, string code, int? from, int? to, CancellationToken ct)
    {
        if (from is null) throw new InvalidInputException("from", "required", "请指定比较的起始版本（from）。");
        if (to is null) throw new InvalidInputException("to", "required", "请指定比较的目标版本（to）。");
        var admin = actor?.Has(Roles.Admin) == true;
        var before = await VersionOrNullAsync(code, from.Value, ct);
        var after = await VersionOrNullAsync(code, to.Value, ct);
        static bool Public(Item? i) => i?.Status is ItemVersionStatus.Published or ItemVersionStatus.Superseded;
        if (before is null || (!admin && !Public(before))) throw new NotFoundException($"事项“{code}”没有可比较的第{from}版。");
        if (after is null || (!admin && !Public(after))) throw new NotFoundException($"事项“{code}”没有可比较的第{to}版。");
        var names = await db.Set<Agency>().AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var themes = await db.Set<Theme>().AsNoTracking().ToDictionaryAsync(t => t.Code, t => t.Name, StringComparer.Ordinal, ct);
        return ItemDiff.Compare(before, after, names, themes);
    }

    /// <summary>One version with its lists (any status), or null.</summary>
    public Task<Item?> VersionOrNullAsync(string code, int version, CancellationToken ct) =>
        ItemVersions.WithLists(db.Set<Item>().AsNoTracking()).FirstOrDefaultAsync(i => i.Code == code && i.Version == version, ct);

    /// <summary>The open draft as the input that saves it, with its version and status; null when there is none.</summary>
    public async Task<(Item Draft, ItemDraftInput Input)?> DraftAsync(Actor actor, string code, CancellationToken ct)
    {
        EnsureAdmin(actor);
        var draft = await ItemVersions.WithLists(db.Set<Item>().AsNoTracking())
            .FirstOrDefaultAsync(i => i.Code == code && (i.Status == ItemVersionStatus.Draft || i.Status == ItemVersionStatus.InReview), ct);
        return draft is null ? null : (draft, ItemDraftSource.From(draft, await AgencyCodesAsync(ct)));
    }

    /// <summary>The latest version of <paramref name="code"/> as an input: what a new draft starts from; null when the item does not exist.</summary>
    public async Task<ItemDraftInput?> LatestAsInputAsync(string code, CancellationToken ct)
    {
        var latest = await ItemVersions.WithLists(db.Set<Item>().AsNoTracking()).Where(i => i.Code == code)
            .OrderByDescending(i => i.Version).FirstOrDefaultAsync(ct);
        return latest is null ? null : ItemDraftSource.From(latest, await AgencyCodesAsync(ct)) with { ChangeNote = null };
    }

    public async Task<IReadOnlyDictionary<Guid, string>> AgencyCodesAsync(CancellationToken ct) =>
        await db.Set<Agency>().AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Code, ct);

    /// <summary>Agencies and themes for the form's choices.</summary>
    public async Task<(List<Agency> Agencies, List<Theme> Themes, List<MaterialType> MaterialTypes)> ChoicesAsync(CancellationToken ct) => (
        await db.Set<Agency>().AsNoTracking().OrderBy(a => a.Kind).ThenBy(a => a.Code).ToListAsync(ct),
        await db.Set<Theme>().AsNoTracking().OrderBy(t => t.Audience).ThenBy(t => t.SortOrder).ToListAsync(ct),
        await db.Set<MaterialType>().AsNoTracking().OrderBy(t => t.Code).ToListAsync(ct));

    private static void EnsureAdmin(Actor actor)
    {
        if (!actor.Has(Roles.Admin)) throw new ForbiddenException("role", "只有系统管理员可以维护事项清单。");
    }
}
