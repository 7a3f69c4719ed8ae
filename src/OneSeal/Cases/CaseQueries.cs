using Microsoft.EntityFrameworkCore;
using OneSeal.Cases.Rules;
using OneSeal.Catalog;
using OneSeal.Organisation;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;

namespace OneSeal.Cases;

/// <summary>Reads of cases, always through the same access rules as the commands.</summary>
public sealed class CaseQueries(OneSealDb db, Calendar.WorkingDayClock calendar, TimeProvider clock, IConfiguration config, PersonalData personalData,
    Machine.CaseContexts contexts)
{
    public sealed record CaseDetail(Case Case, IReadOnlyList<CaseEvent> Timeline, IReadOnlyList<CaseMaterial> Materials, IReadOnlyList<ItemMaterial> ItemMaterials,
        IReadOnlyList<ItemFormField> FormFields, Clock.StepSchedule Steps)
    {
        /// <summary>The version of the item's guide the case was filed under (it keeps it when a newer one is published).</summary>
        public int ItemVersion { get; init; }
        /// <summary>The form in clear; pages and the API mask its personal fields before showing them.</summary>
        public IReadOnlyDictionary<string, string?> Form { get; init; } = new Dictionary<string, string?>();

        /// <summary>Years between acceptance and the due date whose holidays the calendar does not hold (the date skips only weekends there).</summary>
        public IReadOnlyList<int> DueDateMissingYears { get; init; } = [];

        /// <summary>Whether the certificate's PDF exists yet (it is rendered after the decision); null without a certificate.</summary>
        public Seal.CertificatePdfStatus? CertificatePdf { get; init; }

        /// <summary>The applicant signed a notification commitment (告知承诺): it replaces the materials the item lists as replaceable.</summary>
        public bool NotificationCommitment { get; init; }
        /// <summary>持证主体: who the result is made out to and the notices are addressed to.</summary>
        public required CaseHolder Holder { get; init; }

        /// <summary>What the reader may do to the case now, by the machine (<see cref="Machine.CaseMachine.Available"/>): pages offer these and only these.</summary>
        public IReadOnlyList<Machine.CaseAction> Actions { get; init; } = [];
        /// <summary>The facts the machine's guards read (owed tolerated materials, the open pause …), for pages that show them.</summary>
        public Machine.CaseContext? Context { get; init; }

        public bool Can(Machine.CaseAction action) => Actions.Contains(action);

        /// <summary>Required materials the applicant did not submit because the window checks them or a commitment replaces them.</summary>
        public IReadOnlyList<(ItemMaterial Material, Cases.Materials.NotSubmittedReason Reason)> NotSubmitted =>
            Cases.Materials.MaterialSupply.NotSubmitted(ItemMaterials, Materials.Select(m => m.MaterialCode).ToHashSet(StringComparer.Ordinal), NotificationCommitment);
    }

    public async Task<CaseDetail> GetAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var c = await db.Set<Case>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct)
            ?? throw new NotFoundException("办件不存在或无权查看。");
        CaseAccess.EnsureCanView(actor, c);
        var timeline = await db.Set<CaseEvent>().AsNoTracking().Where(e => e.CaseId == id).OrderBy(e => e.Id).ToListAsync(ct);
        var materials = await db.Set<CaseMaterial>().AsNoTracking().Where(m => m.CaseId == id && !m.Superseded).OrderBy(m => m.MaterialCode).ToListAsync(ct);
        var itemMaterials = await db.Set<ItemMaterial>().AsNoTracking().Where(m => m.ItemId == c.ItemId).OrderBy(m => m.SortOrder).ToListAsync(ct);
        var fields = await db.Set<ItemFormField>().AsNoTracking().Where(f => f.ItemId == c.ItemId).OrderBy(f => f.SortOrder).ToListAsync(ct);
        var item = await db.Set<Item>().AsNoTracking().Where(i => i.Id == c.ItemId)
            .Select(i => new { i.Version, Holder = new HolderMapping(i.HolderNameField, i.HolderCodeField, i.HolderCodeType) }).FirstAsync(ct);
        var form = Forms.CaseForm.Read(c, personalData);
        var pauses = await PausesAsync(id, ct);
        var committed = await db.Set<Commitments.CaseCommitment>().AnyAsync(x => x.CaseId == id && x.Kind == Commitments.CommitmentKind.Notification, ct);
        var context = await contexts.ForAsync(c, Machine.ContextNeeds.All, ct, actor);
        return new CaseDetail(c, timeline, materials, itemMaterials, fields, await StepsAsync(c, pauses, ct))
        {
            Actions = Machine.CaseMachine.Available(c, actor, context),
            Context = context,
            ItemVersion = item.Version,
            NotificationCommitment = committed,
            Holder = await CaseHolder.OfAsync(db, c, item.Holder, form, personalData, ct),
            Form = form,
            DueDateMissingYears = c.DueDate is { } due ? calendar.MissingYears(c.AcceptedOn ?? due.AddDays(-1), due) : [],
            CertificatePdf = c.CertificateNumber is { } number
                ? await Seal.CertificateRegistry.PdfStatusAsync(db, number, ct)
                : null,
        };
    }

    /// <summary>An applicant's own cases, newest first: an enterprise's include those its agents filed for it.</summary>
    public Task<List<Case>> MineAsync(Actor actor, CancellationToken ct) =>
        db.Set<Case>().AsNoTracking().Where(CaseAccess.ReadableAsApplicantBy(actor.Id))
            .OrderByDescending(c => c.CreatedAt).Take(200).ToListAsync(ct);

    /// <summary>
    /// A staff work queue: the organisation's cases in the given statuses (every organisation's for a case-handling role
    /// with data scope All), oldest submission first.
    /// </summary>
    public async Task<List<Case>> QueueAsync(Actor actor, IReadOnlyCollection<CaseStatus> statuses, CancellationToken ct)
    {
        var everywhere = actor.ReachesAll(Roles.CaseHandling);
        if ((actor.WorkUnitId is null && !everywhere && actor.RegionArea(Roles.CaseHandling) is null) || !Roles.CaseHandling.Any(actor.Has))
            throw new ForbiddenException("role", "只有承办单位的窗口、审查和决定人员可以查看工作队列。");
        return await db.Set<Case>().AsNoTracking()
            .Where(CaseAccess.HandledWithinReach(actor, Roles.CaseHandling)).Where(c => statuses.Contains(c.Status))
            .OrderBy(c => c.SubmittedAt).Take(500).ToListAsync(ct);
    }

    /// <summary>
    /// A staff work queue by what the actor may do: the organisation's cases on which the machine allows the actor one of
    /// <paramref name="actions"/> (so the chief's decision queue holds accepted 即办件 too, and never a case they reviewed).
    /// </summary>
    public async Task<List<Case>> QueueAsync(Actor actor, IReadOnlyCollection<Machine.CaseAction> actions, CancellationToken ct)
    {
        var statuses = actions.SelectMany(Machine.CaseMachine.From).Distinct().ToList();
        var cases = await QueueAsync(actor, statuses, ct);
        var needs = actions.SelectMany(a => statuses.Select(s => Machine.CaseMachine.Needs(a, s))).Aggregate(Machine.ContextNeeds.None, (n, x) => n | x);
        var context = await contexts.ForAsync(cases, needs, ct);
        return cases.Where(c => actions.Any(a => Machine.CaseMachine.Allows(c, a, actor, context[c.Id]))).ToList();
    }

    public async Task<(CaseMaterial Material, Case Case)> MaterialAsync(Actor actor, Guid caseId, Guid materialId, CancellationToken ct)
    {
        var c = await db.Set<Case>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == caseId, ct) ?? throw new NotFoundException("办件不存在或无权查看。");
        CaseAccess.EnsureCanView(actor, c);
        var m = await db.Set<CaseMaterial>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == materialId && x.CaseId == caseId, ct)
            ?? throw new NotFoundException("材料不存在。");
        return (m, c);
    }

    /// <summary>"Why is my due date this day": every day from acceptance to the due date, counted or skipped, and why.</summary>
    public async Task<Api.DeadlineExplanation> ExplainDeadlineAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var c = await db.Set<Case>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct)
            ?? throw new NotFoundException("办件不存在或无权查看。");
        CaseAccess.EnsureCanView(actor, c);
        var pauses = await PausesAsync(id, ct);
        var steps = await StepsAsync(c, pauses, ct);
        var cal = calendar.Current;
        var today = Platform.Time.LegalDates.Today(clock);
        var days = c.AcceptedOn is { } on
            ? new Clock.CaseClock(on, c.PromisedDays + c.ExtensionDays, pauses).Explain(cal, today)
            : [];
        return new Api.DeadlineExplanation(c.AcceptedOn, c.PromisedDays, c.ExtensionDays, c.PausedDays, c.DueDate,
            c.DeadlineState.ToString().ToLowerInvariant(),
            pauses.Select(p => new Api.PauseEntry(Clock.PauseLabels.Api(p.Kind), p.Reason, p.ExpectedDays, p.StartedOn, p.EndedOn,
                p.EndedOn is { } end ? cal.CountWorkingDays(p.StartedOn, end) : null)).ToList(),
            days.Select(d => new Api.ClockDayEntry(d.Date, d.Treatment.ToString().ToLowerInvariant(), d.Number, d.Note)).ToList(),
            Api.StepEntry.List(steps), Api.StepEntry.Of(steps.Current));
    }

    /// <summary>The case's deadline per process step, from its item version's steps (computed on read; see <see cref="Clock.StepSchedule"/>).</summary>
    private async Task<Clock.StepSchedule> StepsAsync(Case c, IReadOnlyList<Clock.CasePause> pauses, CancellationToken ct)
    {
        var steps = await db.Set<ItemStep>().AsNoTracking().Where(s => s.ItemId == c.ItemId).ToListAsync(ct);
        return Schedule(c, steps, pauses);
    }

    /// <summary>
    /// The current step of each case of a work queue, in two queries whatever the page holds: the steps of the page's
    /// distinct item versions, and the pauses of its cases.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, Clock.StepStatus?>> CurrentStepsAsync(IReadOnlyCollection<Case> cases, CancellationToken ct)
    {
        if (cases.Count == 0) return new Dictionary<Guid, Clock.StepStatus?>();
        var itemIds = cases.Select(c => c.ItemId).Distinct().ToList();
        var steps = (await db.Set<ItemStep>().AsNoTracking().Where(s => itemIds.Contains(s.ItemId)).ToListAsync(ct)).ToLookup(s => s.ItemId);
        // Only cases that were ever accepted can have pauses; a page of submitted cases needs no second query.
        var caseIds = cases.Where(c => c.AcceptedOn is not null).Select(c => c.Id).Distinct().ToList();
        var pauses = caseIds.Count == 0 ? [] : await db.Set<Clock.CasePause>().AsNoTracking().Where(p => caseIds.Contains(p.CaseId)).ToListAsync(ct);
        var byCase = pauses.OrderBy(p => p.StartedAt).ToLookup(p => p.CaseId);
        var result = new Dictionary<Guid, Clock.StepStatus?>();
        foreach (var c in cases) result[c.Id] = Schedule(c, steps[c.ItemId].ToList(), byCase[c.Id].ToList()).Current;
        return result;
    }

    private Clock.StepSchedule Schedule(Case c, IReadOnlyList<ItemStep> steps, IReadOnlyList<Clock.CasePause> pauses) =>
        Clock.StepSchedule.Compute(Clock.CaseProgress.Of(c, pauses), steps, calendar.Current, Platform.Time.LegalDates.Today(clock),
            config.GetValue("Deadlines:YellowShare", 0.8));

    private Task<List<Clock.CasePause>> PausesAsync(Guid caseId, CancellationToken ct) =>
        db.Set<Clock.CasePause>().AsNoTracking().Where(p => p.CaseId == caseId).OrderBy(p => p.StartedAt).ToListAsync(ct);

    public sealed record CommitmentView(Commitments.CaseCommitment Commitment, IReadOnlyList<string> MaterialCodes);

    /// <summary>The case's signed commitments, and whether its item allows approval on commitment (告知承诺制).</summary>
    public async Task<(IReadOnlyList<CommitmentView> Commitments, bool CommitmentApproval)> CommitmentsAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var c = await db.Set<Case>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("办件不存在或无权查看。");
        CaseAccess.EnsureCanView(actor, c);
        var list = await db.Set<Commitments.CaseCommitment>().AsNoTracking().Where(x => x.CaseId == id).OrderBy(x => x.SignedAt).ToListAsync(ct);
        var allowed = await db.Set<Item>().Where(i => i.Id == c.ItemId).Select(i => i.CommitmentApproval).FirstAsync(ct);
        return (list.Select(x => new CommitmentView(x, System.Text.Json.JsonSerializer.Deserialize<List<string>>(x.MaterialsJson ?? "[]") ?? [])).ToList(), allowed);
    }
}
