using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OneSeal.Catalog.Search;
using OneSeal.Catalog.Versions;
using OneSeal.Organisation;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;

namespace OneSeal.Catalog.Transfers;

/// <summary>
/// 登记划转批次: checks the whole batch first (every bad row is reported, nothing is written), then publishes each item's
/// transfer version, writes the batch, brings items effective today or earlier into force and audits — one transaction.
/// </summary>
public sealed class TransferCommands(OneSealDb db, TimeProvider clock)
{
    /// <summary>Where moved items are served unless the batch names another window: the hall's general acceptance area.</summary>
    public const string DefaultWindow = "综合受理区";
    public const int MaxItems = 500;

    public async Task<TransferBatch> CreateAsync(Actor actor, TransferRequest request, CancellationToken ct)
    {
        if (!actor.Has(Roles.Admin)) throw new ForbiddenException("role", "只有系统管理员可以登记划转批次。");
        var errors = new TransferErrors();
        var documentNumber = Text(request.DocumentNumber, "documentNumber", 64, "文号", errors, required: true);
        var title = Text(request.Title, "title", 200, "标题", errors, required: true);
        var window = Text(request.Window, "window", 128, "办理窗口", errors, required: false) ?? DefaultWindow;
        var effectiveOn = ParseDate(request.EffectiveOn, errors);
        // A null row ("items":[null]) is an item without a code: reported as items[n].code like any other.
        var rows = (request.Items ?? []).Select(r => r ?? new TransferItemRequest(null)).ToList();
        if (rows.Count == 0) errors.Add("items", "required", "请至少选择一个划转事项（items）。");
        if (rows.Count > MaxItems) errors.Add("items", "max-count", $"一个批次最多 {MaxItems} 个事项。");
        if (documentNumber is not null && await db.Set<TransferBatch>().AnyAsync(b => b.DocumentNumber == documentNumber, ct))
            errors.Add("documentNumber", "duplicate", $"文号“{documentNumber}”已登记过划转批次。");

        var bureau = await db.Set<Agency>().AsNoTracking().FirstOrDefaultAsync(a => a.Kind == OrganisationKind.Bureau, ct)
            ?? throw new ConflictException("no-bureau", "系统中尚未登记行政审批局。");
        var today = LegalDates.Today(clock);
        var codes = rows.Select(r => r.Code?.Trim() ?? "").Where(c => c.Length > 0).Distinct().ToList();
        var entrustedCodes = rows.Select(r => r.EntrustedBody?.Trim() ?? "").Where(c => c.Length > 0).Distinct().ToList();

        // One query per fact for the whole batch, not one per item.
        var known = await db.Set<Item>().Where(i => codes.Contains(i.Code)).Select(i => i.Code).Distinct().ToListAsync(ct);
        var latest = await ItemVersions.WithLists(db.Set<Item>().AsNoTracking())
            .Where(i => codes.Contains(i.Code) && i.Status == ItemVersionStatus.Published
                && !db.Set<Item>().Any(n => n.Code == i.Code && n.Status == ItemVersionStatus.Published && n.Version > i.Version))
            .ToDictionaryAsync(i => i.Code, ct);
        var pending = await db.Set<TransferBatchItem>()
            .Where(t => codes.Contains(t.ItemCode))
            .Join(db.Set<TransferBatch>().Where(b => b.EffectiveOn > today), t => t.BatchId, b => b.Id, (t, b) => new { t.ItemCode, b.DocumentNumber })
            .ToListAsync(ct);
        var openDrafts = await db.Set<Item>()
            .Where(i => codes.Contains(i.Code) && (i.Status == ItemVersionStatus.Draft || i.Status == ItemVersionStatus.InReview))
            .Select(i => i.Code).ToListAsync(ct);
        var agencies = await db.Set<Agency>().AsNoTracking().Where(a => entrustedCodes.Contains(a.Code)).ToDictionaryAsync(a => a.Code, ct);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var plan = new List<(Item Source, Guid? Entrusted, string Window)>();
        for (var n = 0; n < rows.Count; n++)
        {
            var row = rows[n];
            var field = $"items[{n}]";
            var code = row.Code?.Trim() ?? "";
            if (code.Length == 0) { errors.Add($"{field}.code", "required", $"第{n + 1}个事项缺少实施编码（code）。"); continue; }
            if (!seen.Add(code)) { errors.Add($"{field}.code", "duplicate", $"事项 {code} 在本批次中出现了两次。"); continue; }
            if (!known.Contains(code)) { errors.Add($"{field}.code", "unknown-item", $"没有实施编码为 {code} 的事项。"); continue; }
            if (!latest.TryGetValue(code, out var source)) { errors.Add($"{field}.code", "not-published", $"事项 {code} 还没有已发布的版本。"); continue; }
            var waiting = pending.FirstOrDefault(p => p.ItemCode == code);
            if (waiting is not null) { errors.Add($"{field}.code", "pending-transfer", $"事项 {code} 已列入尚未生效的划转批次 {waiting.DocumentNumber}。"); continue; }
            if (source.ImplementingOrganisationId == bureau.Id) { errors.Add($"{field}.code", "already-at-bureau", $"事项 {code} 已由行政审批局实施。"); continue; }
            // A transfer dated before the current version would rewrite the days that version already governed.
            if (effectiveOn is { } on && source.EffectiveFrom > on)
            {
                errors.Add($"{field}.code", "before-current-version", $"事项 {code} 的现行版本自 {source.EffectiveFrom:yyyy-MM-dd} 起施行，划转生效日期不能早于此日。");
                continue;
            }
            Guid? entrusted = null;
            var body = row.EntrustedBody?.Trim();
            if (!string.IsNullOrEmpty(body))
            {
                if (!agencies.TryGetValue(body, out var agency)) { errors.Add($"{field}.entrustedBody", "unknown-agency", $"没有编码为 {body} 的机构。"); continue; }
                if (agency.Id == bureau.Id) { errors.Add($"{field}.entrustedBody", "self-entrustment", "行政审批局不能委托自己。"); continue; }
                entrusted = agency.Id;
            }
            var itemWindow = Text(row.Window, $"{field}.window", 128, "办理窗口", errors, required: false) ?? window;
            plan.Add((source, entrusted, itemWindow));
        }
        errors.ThrowIfAny();
        var drafted = plan.FirstOrDefault(p => openDrafts.Contains(p.Source.Code)).Source;
        if (drafted is not null)
            throw new ConflictException("open-draft", $"事项 {drafted.Code}（{drafted.Name}）有未发布的草稿，请先发布或放弃草稿，再登记划转。");

        var now = clock.Now();
        var batch = new TransferBatch
        {
            Id = Guid.NewGuid(), DocumentNumber = documentNumber!, Title = title!, EffectiveOn = effectiveOn!.Value, CreatedAt = now, CreatedById = actor.Id,
        };
        db.Add(batch);
        foreach (var (source, entrusted, itemWindow) in plan)
        {
            var (version, record) = Transfer.Apply(source, batch, bureau.Id, entrusted, itemWindow, now, actor.Id);
            batch.Items.Add(record);
            db.Add(version);
            ItemSearchIndex.Add(db, version, inForce: false);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            // Saved first inside the transaction so activation's queries see the new versions.
            await db.SaveChangesAsync(ct);
            if (batch.EffectiveOn <= today)
                foreach (var (source, _, _) in plan)
                    await CatalogActivation.ActivateAsync(db, today, now, ct, source.Code);
            db.Audit(actor, "transfer.batch-created", "transfer-batch", batch.Id.ToString(),
                $"{batch.DocumentNumber}《{batch.Title}》，{batch.EffectiveOn:yyyy-MM-dd} 起，{plan.Count} 个事项：{string.Join("、", plan.Select(p => p.Source.Code))}", now);
            await db.CommitAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrent batch took the same document number or item version first.
            db.ChangeTracker.Clear();
            throw new ConflictException("transfer-conflict", "同一文号或同一事项刚被另一个划转批次登记，请刷新后重试。");
        }
        return batch;
    }

    private static string? Text(string? value, string field, int max, string label, TransferErrors errors, bool required)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required) errors.Add(field, "required", $"请填写{label}（{field}）。");
            return null;
        }
        if (text.Length > max) { errors.Add(field, "max-length", $"{label}不能超过{max}字。"); return null; }
        return text;
    }

    private static DateOnly? ParseDate(string? value, TransferErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value)) { errors.Add("effectiveOn", "required", "请填写生效日期（effectiveOn）。"); return null; }
        if (!DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            errors.Add("effectiveOn", "date-format", "生效日期应为 YYYY-MM-DD 格式的日期（effectiveOn）。");
            return null;
        }
        if (d.Year is < 2000 or > 2100) { errors.Add("effectiveOn", "range", "生效日期应在 2000 年到 2100 年之间。"); return null; }
        return d;
    }
}
