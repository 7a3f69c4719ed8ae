using Microsoft.EntityFrameworkCore;
using OneSeal.Catalog.Search;
using OneSeal.Catalog.Versions;
using OneSeal.Organisation;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;

namespace OneSeal.Catalog.Editing;

/// <summary>
/// The catalog administrator's commands on item versions: start a draft (a new item, or the next version of one),
/// edit it, submit it for review, return it, publish it with an effective date, or discard it. One command, one
/// transaction, audited. Only drafts change; a published version never does (docs/decisions/0007-item-versions.md).
/// </summary>
public sealed class CatalogEditor(OneSealDb db, TimeProvider clock)
{
    /// <summary>The version each draft started in this unit of work was copied from (for <see cref="UnstageIfUnchanged"/>).</summary>
    private readonly Dictionary<Guid, Item> _startedFrom = [];

    /// <summary>
    /// Saves <paramref name="input"/> as the open draft of its code: a new item, the next version of a published one, or
    /// the draft already open. With <paramref name="expectedRevision"/> (the If-Match of the draft the editor started
    /// from) a draft saved, published or discarded by someone else meanwhile is a 409, not silently overwritten.
    /// </summary>
    public async Task<Item> SaveDraftAsync(Actor actor, ItemDraftInput input, CancellationToken ct, int? expectedRevision = null)
    {
        EnsureAdmin(actor);
        var code = input.Code?.Trim();
        var open = string.IsNullOrEmpty(code) ? null : await OpenDraftAsync(code, ct);
        if (expectedRevision is { } expected && !string.IsNullOrEmpty(code) && open?.Revision != expected)
            throw new ConflictException("stale-draft", "该草稿已被他人修改、发布或放弃，请刷新后再编辑。");
        // A version in review is what the reviewer approves: it is returned to draft before it changes again.
        if (open is { Status: ItemVersionStatus.InReview })
            throw new ConflictException("version-status", $"第{open.Version}版正在审核中，请先退回修改再编辑。");
        var lookups = await CatalogLookups.LoadAsync(db, ct);
        var (draft, problems) = await StageAsync(actor, input, lookups, ct);
        CatalogProblem.ThrowIfAny(problems);
        db.Audit(actor, "catalog.draft.save", "item", draft.Code, $"第{draft.Version}版", Instants.Now(clock));
        await CommitAsync(ct);
        return draft;
    }

    /// <summary>
    /// Writes <paramref name="input"/> into the open draft of its code (creating it when there is none) without saving,
    /// and returns the problems; the xlsx import stages every row this way and saves only when no row has any.
    /// </summary>
    public async Task<(Item Draft, List<CatalogProblem> Problems)> StageAsync(Actor actor, ItemDraftInput input, CatalogLookups lookups, CancellationToken ct)
    {
        var code = input.Code?.Trim();
        if (string.IsNullOrEmpty(code)) return (EmptyDraft(""), [new("code", "required", "请填写事项编码（实施编码）。")]);
        if (!ItemDraftMapper.IsCode(code))
            return (EmptyDraft(code), [new("code", "pattern", "事项编码只能含字母、数字和“-”，不超过64个字符。")]);
        var draft = await OpenDraftAsync(code, ct) ?? await StartDraftAsync(actor, code, ct);
        // What the reviewer approves does not change under them: a version in review is returned before it is edited.
        if (draft.Status == ItemVersionStatus.InReview)
            return (draft, [new("code", "version-status", $"事项“{code}”第{draft.Version}版正在审核中，请先退回修改再编辑。")]);
        var problems = ItemDraftMapper.Apply(draft, input, lookups);
        draft.Revision++;
        if (draft.ParentCode is { } parent && !await db.Set<Item>().AnyAsync(i => i.Code == parent, ct)
            && !db.ChangeTracker.Entries<Item>().Any(e => e.Entity.Code == parent))
            problems.Add(new("parentCode", "unknown-item", $"主项“{parent}”不存在。"));
        return (draft, problems);
    }

    /// <summary>
    /// Drops again a draft that <see cref="StageAsync"/> started in this unit of work when it equals the version it was
    /// copied from (<see cref="ItemDiff"/> finds no change): re-importing an unchanged export is no edit, and an open draft
    /// would block the item's transfers. An open draft that existed before is kept. True when dropped.
    /// </summary>
    public bool UnstageIfUnchanged(Item draft)
    {
        if (!_startedFrom.TryGetValue(draft.Id, out var previous) || db.Entry(draft).State != EntityState.Added) return false;
        // Organisations are compared by id: both versions name them the same way, so no names are needed.
        if (ItemDiff.Compare(previous, draft, new Dictionary<Guid, string>()).Count > 0) return false;
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added && BelongsTo(e, draft.Id)).ToList())
            entry.State = EntityState.Detached;
        _startedFrom.Remove(draft.Id);
        return true;

        // The draft itself, its lists and its search key all carry the draft's id.
        static bool BelongsTo(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry e, Guid id) =>
            e.Entity is Item i ? i.Id == id : e.Metadata.FindProperty("ItemId") is { } p && Equals(e.Property(p.Name).CurrentValue, id);
    }

    /// <summary>Creates a new item (version 1), refusing a code that exists.</summary>
    public async Task<Item> CreateItemAsync(Actor actor, ItemDraftInput input, CancellationToken ct)
    {
        EnsureAdmin(actor);
        var code = input.Code?.Trim();
        if (!string.IsNullOrEmpty(code) && await db.Set<Item>().AnyAsync(i => i.Code == code, ct))
            throw new InvalidInputException("code", "duplicate-code", $"事项编码“{code}”已存在，请修改该事项而不是新建。");
        return await SaveDraftAsync(actor, input, ct);
    }

    /// <summary>Draft → in review: the draft must already satisfy the publishing rules.</summary>
    public async Task<Item> SubmitAsync(Actor actor, string code, CancellationToken ct)
    {
        EnsureAdmin(actor);
        var draft = await RequireDraftAsync(code, ItemVersionStatus.Draft, ct);
        CatalogProblem.ThrowIfAny(PublishRules.Check(draft));
        draft.Status = ItemVersionStatus.InReview;
        draft.SubmittedById = actor.Id;
        draft.Revision++;
        db.Audit(actor, "catalog.submit", "item", code, $"第{draft.Version}版", Instants.Now(clock));
        await CommitAsync(ct);
        return draft;
    }

    /// <summary>In review → draft, to be edited again.</summary>
    public async Task<Item> ReturnAsync(Actor actor, string code, CancellationToken ct)
    {
        EnsureAdmin(actor);
        var draft = await RequireDraftAsync(code, ItemVersionStatus.InReview, ct);
        draft.Status = ItemVersionStatus.Draft;
        draft.Revision++;
        db.Audit(actor, "catalog.return", "item", code, $"第{draft.Version}版", Instants.Now(clock));
        await CommitAsync(ct);
        return draft;
    }

    /// <summary>
    /// In review → published by someone other than its submitter (<see cref="PublishRules.SubmitterCannotPublish"/>), in force from <paramref name="effectiveFrom"/> (today when not given; never earlier:
    /// history is not rewritten). Taking effect today supersedes the version in force now, in the same transaction.
    /// </summary>
    public async Task<Item> PublishAsync(Actor actor, string code, DateOnly? effectiveFrom, CancellationToken ct)
    {
        EnsureAdmin(actor);
        var draft = await RequireDraftAsync(code, ItemVersionStatus.InReview, ct);
        PublishRules.SubmitterCannotPublish(draft, actor);
        CatalogProblem.ThrowIfAny(PublishRules.Check(draft));
        var today = LegalDates.Today(clock);
        var from = effectiveFrom ?? today;
        if (from < today) throw new InvalidInputException("effectiveFrom", "effective-in-past", "生效日期不能早于今天：已施行的版本不能追溯修改。");
        if (from > today.AddYears(1)) throw new InvalidInputException("effectiveFrom", "range", "生效日期不能晚于一年以后。");
        var now = Instants.Now(clock);
        ItemVersions.Publish(draft, from, now, actor.Id);
        draft.Revision++;
        if (from <= today)
        {
            var older = await db.Set<Item>().Where(ItemVersions.EffectiveOn(today)).Where(i => i.Code == code && i.Id != draft.Id).ToListAsync(ct);
            foreach (var old in older)
                await CatalogActivation.SupersedeAsync(db, old, from, ct);
            await ItemSearchIndex.UpdateAsync(db, draft, inForce: true, ct);
        }
        // issue 13 — policy review: a new version answers the 待复核 flags the item had (the administrator reviewed it in writing it)
        await OneSeal.Catalog.Reviews.ItemReviews.ClearOnPublish(db, code, actor.Id, now, ct);
        db.Audit(actor, "catalog.publish", "item", code, $"第{draft.Version}版，{from:yyyy-MM-dd}起施行", now);
        await CommitAsync(ct);
        return draft;
    }

    /// <summary>Removes the open draft (the only row of the catalog that is ever deleted).</summary>
    public async Task DiscardAsync(Actor actor, string code, CancellationToken ct)
    {
        EnsureAdmin(actor);
        var draft = await OpenDraftAsync(code, ct) ?? throw new NotFoundException($"事项“{code}”没有草稿。");
        db.Remove(draft);
        db.Audit(actor, "catalog.discard", "item", code, $"第{draft.Version}版", Instants.Now(clock));
        await CommitAsync(ct);
    }

    /// <summary>The open draft (草稿 or 审核中) of <paramref name="code"/>, tracked with its lists (one staged but not yet saved counts).</summary>
    public async Task<Item?> OpenDraftAsync(string code, CancellationToken ct) =>
        db.ChangeTracker.Entries<Item>().FirstOrDefault(e => e.State == EntityState.Added && e.Entity.Code == code)?.Entity
        ?? await ItemVersions.WithLists(db.Set<Item>()).FirstOrDefaultAsync(i => i.Code == code
            && (i.Status == ItemVersionStatus.Draft || i.Status == ItemVersionStatus.InReview), ct);

    private async Task<Item> StartDraftAsync(Actor actor, string code, CancellationToken ct)
    {
        var now = Instants.Now(clock);
        var latest = await ItemVersions.WithLists(db.Set<Item>().AsNoTracking()).Where(i => i.Code == code)
            .OrderByDescending(i => i.Version).FirstOrDefaultAsync(ct);
        var draft = latest is null ? EmptyDraft(code) : ItemVersions.CopyAsDraft(latest, latest.Version + 1, now, actor.Id);
        if (latest is not null) _startedFrom[draft.Id] = latest;
        draft.CreatedAt = now;
        draft.CreatedById = actor.Id;
        db.Add(draft);
        ItemSearchIndex.Add(db, draft, inForce: false);
        return draft;
    }

    private static Item EmptyDraft(string code) => new()
    {
        Id = Guid.NewGuid(), Code = code, Version = 1, Status = ItemVersionStatus.Draft,
        Name = "", Category = "", LegalBasis = "", Conditions = "", ResultName = "", ResultTypeCode = "",
    };

    private async Task<Item> RequireDraftAsync(string code, ItemVersionStatus status, CancellationToken ct)
    {
        var draft = await OpenDraftAsync(code, ct) ?? throw new NotFoundException($"事项“{code}”没有草稿。");
        if (draft.Status != status)
            throw new ConflictException("version-status", $"第{draft.Version}版现为“{ItemLabels.Of(draft.Status)}”，不能执行此操作。");
        return draft;
    }

    private async Task CommitAsync(CancellationToken ct)
    {
        try { await db.CommitAsync(ct); }
        catch (DbUpdateException)
        {
            // The partial unique index on open drafts: someone else opened or published a draft of this item meanwhile.
            throw new ConflictException("concurrent-edit", "该事项刚被他人修改，请刷新后重试。");
        }
    }

    private static void EnsureAdmin(Actor actor)
    {
        if (!actor.Has(Roles.Admin)) throw new ForbiddenException("role", "只有系统管理员可以维护事项清单。");
    }
}
