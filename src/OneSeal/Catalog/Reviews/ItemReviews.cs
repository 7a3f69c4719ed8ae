using Microsoft.EntityFrameworkCore;
using OneSeal.Catalog.Versions;
using OneSeal.Organisation;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;

namespace OneSeal.Catalog.Reviews;

/// <summary>An open 待复核 flag as the catalog worklist shows it.</summary>
public sealed record ItemReviewRow(Guid Id, string ItemCode, string ItemName, string Department, string SourceTitle, DateTimeOffset RaisedAt);

/// <summary>
/// 待复核 (issue 13 §2): items a policy document touches wait for a catalog administrator's review. Another capability
/// raises flags inside its own unit of work (<see cref="RaiseAsync"/>, committed with its command); the administrator
/// clears one (<see cref="MarkReviewedAsync"/>), and publishing a new version of the item clears them all
/// (<see cref="ClearOnPublish"/>, called by the editor in the publish's transaction).
/// </summary>
public sealed class ItemReviews(OneSealDb db, TimeProvider clock)
{
    public const string PolicySource = "policy";

    /// <summary>
    /// Checks that every code names a published item and adds one open flag per code to the caller's unit of work
    /// (nothing is saved here). Unknown codes are a 400 naming <paramref name="field"/>.
    /// </summary>
    public async Task RaiseAsync(IReadOnlyCollection<string> codes, string field, string sourceKind, Guid sourceId, string sourceTitle,
        DateTimeOffset now, CancellationToken ct)
    {
        if (codes.Count == 0) return;
        var known = await db.Set<Item>().AsNoTracking().Where(i => codes.Contains(i.Code) && i.Status != ItemVersionStatus.Draft && i.Status != ItemVersionStatus.InReview)
            .Select(i => i.Code).Distinct().ToListAsync(ct);
        var unknown = codes.Except(known, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
            throw new InvalidInputException(field, "unknown-item", $"没有已发布的事项编码：{string.Join("、", unknown.Take(5))}。");
        foreach (var code in codes)
            db.Add(new ItemReviewFlag
            {
                Id = Guid.NewGuid(), ItemCode = code, SourceKind = sourceKind, SourceId = sourceId,
                SourceTitle = TextRules.Prefix(sourceTitle, 400), RaisedAt = now,
            });
    }

    /// <summary>The open flags, oldest first, with the item's current name and competent department.</summary>
    public async Task<IReadOnlyList<ItemReviewRow>> OpenAsync(CancellationToken ct)
    {
        var today = LegalDates.Today(clock);
        var flags = await db.Set<ItemReviewFlag>().AsNoTracking().Where(f => f.ClearedAt == null).ToListAsync(ct);
        var codes = flags.Select(f => f.ItemCode).Distinct().ToList();
        var items = await (
            from i in db.Set<Item>().AsNoTracking().InForce(db, today)
            join d in db.Set<Agency>() on i.CompetentDepartmentId equals d.Id
            where codes.Contains(i.Code)
            select new { i.Code, i.Name, Department = d.Name }).ToListAsync(ct);
        var byCode = items.DistinctBy(i => i.Code).ToDictionary(i => i.Code);
        return flags.OrderBy(f => f.RaisedAt).ThenBy(f => f.ItemCode, StringComparer.Ordinal)
            .Select(f => byCode.TryGetValue(f.ItemCode, out var i)
                ? new ItemReviewRow(f.Id, f.ItemCode, i.Name, i.Department, f.SourceTitle, f.RaisedAt)
                : new ItemReviewRow(f.Id, f.ItemCode, f.ItemCode, "", f.SourceTitle, f.RaisedAt))
            .ToList();
    }

    /// <summary>The items in force a department is competent for, by code: what its policy documents usually touch.</summary>
    public async Task<IReadOnlyList<(string Code, string Name)>> DepartmentItemsAsync(Guid departmentId, CancellationToken ct) =>
        (await db.Set<Item>().AsNoTracking().InForce(db, LegalDates.Today(clock)).Where(i => i.CompetentDepartmentId == departmentId)
            .OrderBy(i => i.Code).Select(i => new { i.Code, i.Name }).Take(300).ToListAsync(ct))
            .Select(i => (i.Code, i.Name)).ToList();

    /// <summary>The codes among <paramref name="codes"/> that have an open flag (for lists that mark them).</summary>
    public async Task<IReadOnlySet<string>> OpenCodesAsync(IReadOnlyCollection<string> codes, CancellationToken ct) =>
        (await db.Set<ItemReviewFlag>().AsNoTracking().Where(f => f.ClearedAt == null && codes.Contains(f.ItemCode))
            .Select(f => f.ItemCode).Distinct().ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);

    /// <summary>A catalog administrator has checked the item against the document: one command, one transaction, audited.</summary>
    public async Task MarkReviewedAsync(Actor actor, Guid flagId, CancellationToken ct)
    {
        if (!actor.Has(Roles.Admin)) throw new ForbiddenException("catalog-admin", "只有事项管理员可以标记复核。");
        await db.InTransactionAsync(async () =>
        {
            var flag = await db.Set<ItemReviewFlag>().FirstOrDefaultAsync(f => f.Id == flagId, ct) ?? throw new NotFoundException("没有该待复核记录。");
            if (flag.ClearedAt is not null) throw new ConflictException("already-reviewed", "该事项已复核。");
            var now = Instants.Now(clock);
            Clear(flag, actor.Id, "reviewed", now);
            db.Audit(actor, "catalog.review.done", "item", flag.ItemCode, $"已复核：{flag.SourceTitle}", now);
            await db.CommitAsync(ct);
        }, ct);
    }

    /// <summary>A new version of the item is published: its open flags are cleared in the publish's unit of work.</summary>
    public static async Task ClearOnPublish(OneSealDb db, string code, Guid by, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var flag in await db.Set<ItemReviewFlag>().Where(f => f.ItemCode == code && f.ClearedAt == null).ToListAsync(ct))
            Clear(flag, by, "new-version", now);
    }

    private static void Clear(ItemReviewFlag flag, Guid by, string how, DateTimeOffset now)
    {
        flag.ClearedAt = now;
        flag.ClearedBy = by;
        flag.ClearedHow = how;
    }
}
