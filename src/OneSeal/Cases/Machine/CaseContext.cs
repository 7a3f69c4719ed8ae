using Microsoft.EntityFrameworkCore;
using OneSeal.Calendar;
using OneSeal.Cases.Commitments;
using OneSeal.Catalog;
using OneSeal.Platform.Database;
using OneSeal.Platform.Time;

namespace OneSeal.Cases.Machine;

/// <summary>What a guard may need to know beyond the case row; a loader reads only what the guards in play need.</summary>
[Flags]
public enum ContextNeeds
{
    None = 0,
    /// <summary>The item version's kind and its 超时默认 setting.</summary>
    Item = 1,
    /// <summary>Materials still owed under a tolerance commitment, and when its grace ends.</summary>
    Tolerance = 2,
    /// <summary>The status the open pause returns to.</summary>
    Pause = 4,
    /// <summary>Working-day dates computed from the case (the Art. 32 answer period).</summary>
    Clock = 8,
    /// <summary>Where the acting clerk sits today, and whether that window takes the case's item (walk-in filing).</summary>
    Seat = 16,
    /// <summary>Whether a fee demand of the case is unpaid (issue 11, 集中收费).</summary>
    Fee = 32,
    All = Item | Tolerance | Pause | Clock | Seat | Fee,
}

/// <summary>A material owed under a tolerance commitment (容缺).</summary>
public sealed record OwedMaterial(string Code, string Name);

/// <summary>The facts beside the case row that the machine's guards read, as of <see cref="Today"/> (Asia/Shanghai).</summary>
public sealed record CaseContext(DateOnly Today)
{
    public ItemKind? ItemKind { get; init; }
    public bool DeemedApprovalOnTimeout { get; init; }
    public IReadOnlyList<OwedMaterial> Owed { get; init; } = [];
    /// <summary>The last day of grace after the promised supply date of an unfulfilled tolerance commitment.</summary>
    public DateOnly? ToleranceGraceEndsOn { get; init; }
    public DateOnly? ToleranceSupplyBy { get; init; }
    /// <summary>The status the open pause returns to; null when no pause is open.</summary>
    public CaseStatus? PausedFrom { get; init; }
    /// <summary>Art. 32: the last working day to answer an application (5 working days after receipt).</summary>
    public DateOnly? AnswerDueOn { get; init; }
    /// <summary>Why the acting clerk may not file this case at their window now (Chinese); null when they sit at one that takes the item.</summary>
    public string? SeatRefusal { get; init; } = NotSeated;

    public const string NotSeated = "请先在综合受理或部门窗口签到，再为申请人办理。";

    /// <summary>A fee demand of the case is still unpaid (缴款通知 not paid).</summary>
    public bool FeeUnpaid { get; init; }
}

/// <summary>Which of the cases owe a fee not yet paid: asked of the fee window's capability (it owns the fee demands).</summary>
public interface IUnpaidFees
{
    Task<IReadOnlyCollection<Guid>> UnpaidAsync(IReadOnlyCollection<Guid> caseIds, CancellationToken ct);
}

/// <summary>Loads <see cref="CaseContext"/>s for one case or a page of them, a query per kind of fact needed.</summary>
public sealed class CaseContexts(OneSealDb db, TimeProvider clock, IWorkingDayCalendar calendar, IConfiguration config, Hall.Intake.WindowIntake intake,
    IEnumerable<IUnpaidFees> fees)
{
    /// <summary>Working days after the promised supply date before a case with missing tolerated materials ends.</summary>
    public int ToleranceGraceDays => config.GetValue("Tolerance:GraceWorkingDays", 5);

    /// <param name="actor">Who acts: needed for <see cref="ContextNeeds.Seat"/> only.</param>
    public async Task<CaseContext> ForAsync(Case c, ContextNeeds needs, CancellationToken ct, Platform.Security.Actor? actor = null) =>
        (await ForAsync([c], needs, ct, actor))[c.Id];

    public async Task<IReadOnlyDictionary<Guid, CaseContext>> ForAsync(IReadOnlyCollection<Case> cases, ContextNeeds needs, CancellationToken ct,
        Platform.Security.Actor? actor = null)
    {
        var today = LegalDates.Today(clock);
        var ids = cases.Select(c => c.Id).ToList();
        var items = new Dictionary<Guid, (ItemKind Kind, bool Deemed)>();
        if (needs.HasFlag(ContextNeeds.Item))
        {
            var itemIds = cases.Select(c => c.ItemId).Distinct().ToList();
            foreach (var i in await db.Set<Item>().AsNoTracking().Where(i => itemIds.Contains(i.Id))
                         .Select(i => new { i.Id, i.Kind, i.DeemedApprovalOnTimeout }).ToListAsync(ct))
                items[i.Id] = (i.Kind, i.DeemedApprovalOnTimeout);
        }
        var tolerance = needs.HasFlag(ContextNeeds.Tolerance) ? await ToleranceAsync(cases, ct) : [];
        var pauses = needs.HasFlag(ContextNeeds.Pause)
            ? await db.Set<Clock.CasePause>().AsNoTracking().Where(p => ids.Contains(p.CaseId) && p.EndedOn == null)
                .ToDictionaryAsync(p => p.CaseId, p => p.ResumeStatus, ct)
            : [];
        var seat = needs.HasFlag(ContextNeeds.Seat) && actor is not null && cases.Any(c => c.Channel == CaseChannel.Window)
            ? await intake.CurrentAsync(actor, ct) : null;
        var intakeItems = seat is null ? [] : await IntakeItemsAsync(cases, ct);
        var unpaid = new HashSet<Guid>();
        if (needs.HasFlag(ContextNeeds.Fee))
            foreach (var f in fees) unpaid.UnionWith(await f.UnpaidAsync(ids, ct));
        var result = new Dictionary<Guid, CaseContext>();
        foreach (var c in cases)
        {
            var t = tolerance.GetValueOrDefault(c.Id);
            result[c.Id] = new CaseContext(today)
            {
                ItemKind = items.TryGetValue(c.ItemId, out var item) ? item.Kind : null,
                DeemedApprovalOnTimeout = item.Deemed,
                Owed = t?.Owed ?? [],
                ToleranceSupplyBy = t?.SupplyBy,
                ToleranceGraceEndsOn = t?.SupplyBy is { } by ? calendar.AddWorkingDays(by, ToleranceGraceDays) : null,
                PausedFrom = pauses.TryGetValue(c.Id, out var from) ? from : null,
                AnswerDueOn = needs.HasFlag(ContextNeeds.Clock) && c.SubmittedAt is { } at
                    ? calendar.AddWorkingDays(LegalDates.ToLegalDate(at), OneSeal.Catalog.LicensingLimits.AcceptanceAnswer)
                    : null,
                SeatRefusal = seat is null ? CaseContext.NotSeated
                    : seat.Scope.Takes(intakeItems[c.ItemId]) ? null : $"您当前签到的 {seat.Number} 窗口不受理本事项。",
                FeeUnpaid = unpaid.Contains(c.Id),
            };
        }
        return result;
    }

    private async Task<Dictionary<Guid, Hall.Intake.IntakeItem>> IntakeItemsAsync(IReadOnlyCollection<Case> cases, CancellationToken ct)
    {
        var itemIds = cases.Select(c => c.ItemId).Distinct().ToList();
        return await db.Set<Item>().AsNoTracking().Where(i => itemIds.Contains(i.Id))
            .ToDictionaryAsync(i => i.Id, i => new Hall.Intake.IntakeItem(i.Name, i.CompetentDepartmentId, i.ImplementingOrganisationId), ct);
    }

    private sealed record Tolerance(IReadOnlyList<OwedMaterial> Owed, DateOnly? SupplyBy);

    /// <summary>Unfulfilled tolerance commitments of the cases, with what each still owes (uploaded since signing counts).</summary>
    private async Task<Dictionary<Guid, Tolerance>> ToleranceAsync(IReadOnlyCollection<Case> cases, CancellationToken ct)
    {
        var ids = cases.Select(c => c.Id).ToList();
        var open = await db.Set<CaseCommitment>().AsNoTracking()
            .Where(x => ids.Contains(x.CaseId) && x.Kind == CommitmentKind.Tolerance && x.FulfilledAt == null).ToListAsync(ct);
        if (open.Count == 0) return [];
        var withCommitment = open.Select(x => x.CaseId).ToList();
        var uploaded = await db.Set<CaseMaterial>().AsNoTracking().Where(m => withCommitment.Contains(m.CaseId) && !m.Superseded)
            .Select(m => new { m.CaseId, m.MaterialCode, m.UploadedAt }).ToListAsync(ct);
        var itemIds = cases.Where(c => withCommitment.Contains(c.Id)).Select(c => c.ItemId).Distinct().ToList();
        var names = await db.Set<ItemMaterial>().AsNoTracking().Where(m => itemIds.Contains(m.ItemId))
            .OrderBy(m => m.SortOrder).Select(m => new { m.ItemId, m.Code, m.Name }).ToListAsync(ct);
        var result = new Dictionary<Guid, Tolerance>();
        foreach (var x in open)
        {
            var c = cases.First(c => c.Id == x.CaseId);
            var owed = OwedCodes(x, uploaded.Where(u => u.CaseId == c.Id).Select(u => (u.MaterialCode, u.UploadedAt)));
            result[c.Id] = new Tolerance(names.Where(n => n.ItemId == c.ItemId && owed.Contains(n.Code)).Select(n => new OwedMaterial(n.Code, n.Name)).ToList(), x.SupplyBy);
        }
        return result;
    }

    /// <summary>容缺: the promised codes not uploaded since the commitment was signed.</summary>
    public static IReadOnlyList<string> OwedCodes(CaseCommitment commitment, IEnumerable<(string Code, DateTimeOffset UploadedAt)> current)
    {
        var promised = System.Text.Json.JsonSerializer.Deserialize<List<string>>(commitment.MaterialsJson ?? "[]") ?? [];
        var list = current.ToList();
        return promised.Where(code => !list.Any(m => m.Code == code && m.UploadedAt >= commitment.SignedAt)).ToList();
    }
}
