using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneSeal.Catalog;
using OneSeal.Organisation;
using OneSeal.Platform.Security;

namespace OneSeal.Cases;

/// <summary>An application (办件) for one item, from draft to delivery.</summary>
public sealed class Case
{
    public Guid Id { get; set; }
    /// <summary>Readable unique number, e.g. QS20261121-00001.</summary>
    public required string CaseNumber { get; set; }
    public Guid ItemId { get; set; }
    public required string ItemCode { get; set; }
    public required string ItemName { get; set; }
    /// <summary>The organisation that handles it (the item's implementing body): its staff act on it.</summary>
    public Guid HandlingOrganisationId { get; set; }
    /// <summary>issue 10 — the handling organisation's 行政区划代码 when filed: staff whose role has region scope reach it.</summary>
    public string? HandlingRegionCode { get; set; }
    /// <summary>
    /// issue 10 — 承办科室: the section the item version it was filed under names (<see cref="Item.HandlingSectionId"/>), if
    /// any; staff placed in that section whose role has section scope reach the case (Organisation.DataReach).
    /// </summary>
    public Guid? HandlingSectionId { get; set; }
    /// <summary>issue 13 — the item's supervising department (监管部门) when filed: its staff read the case (read-only).</summary>
    public Guid? SupervisingDepartmentId { get; set; }
    public Guid ApplicantAccountId { get; set; }
    /// <summary>
    /// issue 10 — 经办人代为办理: the enterprise account the applicant (its agent, 经办人) filed for under a valid
    /// <see cref="Organisation.Applicants.AgentGrant"/>. The enterprise is the case's holder and reads it as its own.
    /// </summary>
    public Guid? ForEnterpriseAccountId { get; set; }
    public required string ApplicantName { get; set; }
    public AccountKind ApplicantKind { get; set; }
    public string? ApplicantIdentityMasked { get; set; }
    public CaseChannel Channel { get; set; }
    /// <summary>Filed at a window (<see cref="CaseChannel.Window"/>): the window that took it, and the clerk who filed it.</summary>
    public Guid? WindowId { get; set; }
    public Guid? FiledById { get; set; }
    /// <summary>Form values checked against the item's fields, personal ones encrypted (<see cref="Forms.CaseForm"/>).</summary>
    public required string FormJson { get; set; }
    /// <summary>False only for rows written before personal fields were encrypted, until the start-up step rewrites them.</summary>
    public bool FormProtected { get; set; }
    /// <summary>Changed only by the case machine (<see cref="Machine.CaseMachine"/>), through <see cref="MoveTo"/>.</summary>
    public CaseStatus Status { get; private set; }
    /// <summary>Limits in force when the case was filed (a case keeps the terms it was filed under).</summary>
    public int StatutoryDays { get; set; }
    public int PromisedDays { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>The last (re)submission: the Art. 32 answer period runs from it (<see cref="RecordSubmission"/>).</summary>
    public DateTimeOffset? SubmittedAt { get; private set; }

    /// <summary>Material codes the correction notice (补正通知) listed; JSON array.</summary>
    public string? CorrectionMaterialsJson { get; private set; }
    public string? CorrectionNote { get; private set; }
    public DateTimeOffset? CorrectionRequestedAt { get; private set; }
    public string? RefusalReason { get; private set; }

    public Guid? AcceptedById { get; private set; }
    public DateTimeOffset? AcceptedAt { get; private set; }
    /// <summary>Legal date of acceptance (Asia/Shanghai); the clock starts the next working day.</summary>
    public DateOnly? AcceptedOn { get; private set; }
    /// <summary>Decision due (promised limit counted in working days from <see cref="AcceptedOn"/>).</summary>
    public DateOnly? DueDate { get; private set; }

    public Guid? ReviewedById { get; private set; }
    public DateTimeOffset? ReviewedAt { get; private set; }
    public string? ReviewOpinion { get; private set; }
    public bool? ReviewRecommendsApproval { get; private set; }

    public Guid? DecidedById { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public bool? Approved { get; private set; }
    public string? DecisionReason { get; private set; }

    /// <summary>Extension approved by the head (Art. 42: +10 working days; Art. 26 joint handling: +15); 0 until then.</summary>
    public int ExtensionDays { get; private set; }
    public string? ExtensionReason { get; private set; }
    public Guid? ExtendedById { get; private set; }
    /// <summary>Working days of closed pauses (Art. 45), not counted against the limit.</summary>
    public int PausedDays { get; private set; }
    /// <summary>The date the yellow warning falls due (the configured share of the limit used).</summary>
    public DateOnly? YellowOn { get; private set; }
    /// <summary>normal / yellow / red / paused, kept current by transitions and the deadline sweep.</summary>
    public Clock.DeadlineState DeadlineState { get; private set; }
    /// <summary>Accepted by law because no answer came within 5 working days of receipt (Art. 32); flagged for monitoring.</summary>
    public bool DeemedAccepted { get; private set; }

    public string? CertificateNumber { get; private set; }
    public DateOnly? DecidedOn { get; private set; }
    /// <summary>The result must be delivered within 10 working days of the decision (Art. 44).</summary>
    public DateOnly? DeliveryDueDate { get; private set; }
    public DateTimeOffset? DeliveredAt { get; private set; }
    /// <summary>pickup / post / electronic.</summary>
    public string? DeliveryMode { get; private set; }
    public string? TrackingNumber { get; private set; }
    public string? EndReason { get; private set; }
    /// <summary>Issue 11 (改派): the staff member a window chief handed the case to; null until reassigned.</summary>
    public Guid? AssigneeId { get; private set; }

    /// <summary>Optimistic concurrency: every transition and every other change bumps it; a stale writer gets 409.</summary>
    public int Version { get; private set; }
    // Loaded by EF Core (it sets the list through the private setter); commands add rows through the context, not these lists.
    public List<CaseEvent> Timeline { get; private set; } = [];
    public List<CaseMaterial> Materials { get; private set; } = [];

    /// <summary>A transition's one effect on the row: the new status (the same one for an action that keeps it) and a new version.</summary>
    internal void MoveTo(CaseStatus to)
    {
        Status = to;
        Version++;
    }

    /// <summary>A change that is not a transition (clock bookkeeping, the draft's form): a new version only.</summary>
    internal void Touch() => Version++;

    // The lifecycle facts below are recorded by the commands that apply the machine's rows; each method records one step.

    /// <summary>Submitted, or resubmitted after a correction, at <paramref name="at"/>.</summary>
    internal void RecordSubmission(DateTimeOffset at) => SubmittedAt = at;

    internal void RecordCorrectionRequest(string materialsJson, string? note, DateTimeOffset at)
    {
        CorrectionMaterialsJson = materialsJson;
        CorrectionNote = note;
        CorrectionRequestedAt = at;
    }

    internal void RecordRefusal(string reason) => RefusalReason = reason;

    /// <summary>Accepted by <paramref name="by"/> (null: deemed accepted by law, Art. 32) on the legal date <paramref name="on"/>.</summary>
    internal void RecordAcceptance(Guid? by, DateTimeOffset at, DateOnly on)
    {
        AcceptedById = by;
        AcceptedAt = at;
        AcceptedOn = on;
        DeemedAccepted = by is null;
    }

    internal void RecordReview(Guid by, DateTimeOffset at, string opinion, bool recommendsApproval)
    {
        ReviewedById = by;
        ReviewedAt = at;
        ReviewOpinion = opinion;
        ReviewRecommendsApproval = recommendsApproval;
    }

    /// <summary>The decision stops the case's clock; the result is due for delivery by <paramref name="deliveryDue"/> (Art. 44).</summary>
    internal void RecordDecision(Guid? by, DateTimeOffset at, DateOnly on, DateOnly deliveryDue, bool approved, string? reason)
    {
        DecidedById = by;
        DecidedAt = at;
        DecidedOn = on;
        DeliveryDueDate = deliveryDue;
        DeadlineState = Clock.DeadlineState.Normal;
        Approved = approved;
        DecisionReason = reason;
    }

    internal void RecordCertificate(string number) => CertificateNumber = number;

    internal void RecordExtension(int days, string reason, Guid by)
    {
        ExtensionDays = days;
        ExtensionReason = reason;
        ExtendedById = by;
    }

    /// <summary>Due date, yellow date, deadline state and closed pauses' working days, as the case's clock computes them.</summary>
    internal void RecordClock(DateOnly? due, DateOnly? yellowOn, Clock.DeadlineState state, int pausedDays)
    {
        DueDate = due;
        YellowOn = yellowOn;
        DeadlineState = state;
        PausedDays = pausedDays;
    }

    internal void AddPausedDays(int days) => PausedDays += days;

    /// <summary>Yellow and red are raised by the deadline sweep (which writes their timeline line), never by a transition.</summary>
    internal void ClearWarning()
    {
        if (DeadlineState is Clock.DeadlineState.Yellow or Clock.DeadlineState.Red) DeadlineState = Clock.DeadlineState.Normal;
    }

    /// <summary>Withdrawn or terminated: the reason, and no clock left to warn about.</summary>
    internal void RecordEnd(string? reason)
    {
        EndReason = reason;
        DeadlineState = Clock.DeadlineState.Normal;
    }

    internal void AssignTo(Guid assigneeId) => AssigneeId = assigneeId;

    internal void RecordDelivery(DateTimeOffset at, string mode, string? trackingNumber)
    {
        DeliveredAt = at;
        DeliveryMode = mode;
        TrackingNumber = trackingNumber;
    }
}

internal sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> b)
    {
        b.ToTable("cases");
        b.Property(x => x.CaseNumber).HasMaxLength(32);
        b.Property(x => x.ItemCode).HasMaxLength(64);
        b.Property(x => x.ItemName).HasMaxLength(200);
        b.Property(x => x.ApplicantName).HasMaxLength(128);
        b.Property(x => x.HandlingRegionCode).HasMaxLength(12);
        b.Property(x => x.ApplicantKind).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.ApplicantIdentityMasked).HasMaxLength(32);
        b.Property(x => x.Channel).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.FormJson).HasMaxLength(20000);
        // Only the rows the start-up step still has to encrypt (Cases/Forms/LegacyFormProtection.cs).
        b.HasIndex(x => x.FormProtected).HasFilter("NOT form_protected");
        b.Property(x => x.CorrectionMaterialsJson).HasMaxLength(2000);
        b.Property(x => x.CorrectionNote).HasMaxLength(2000);
        b.Property(x => x.RefusalReason).HasMaxLength(2000);
        b.Property(x => x.ReviewOpinion).HasMaxLength(4000);
        b.Property(x => x.DecisionReason).HasMaxLength(4000);
        b.Property(x => x.CertificateNumber).HasMaxLength(64);
        b.Property(x => x.ExtensionReason).HasMaxLength(2000);
        b.Property(x => x.DeadlineState).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.DeliveryMode).HasMaxLength(16);
        b.Property(x => x.TrackingNumber).HasMaxLength(64);
        b.Property(x => x.EndReason).HasMaxLength(2000);
        // The deadline sweep: running cases by due date and by yellow date.
        b.HasIndex(x => new { x.Status, x.DueDate });
        b.HasIndex(x => new { x.Status, x.YellowOn });
        // The deadline sweep's candidates: only running cases it can still warn, so a run finds them without visiting
        // the ones already warned (DeadlineWarning spells its WHERE exactly like these filters).
        b.HasIndex(x => x.DueDate).HasFilter(Clock.DeadlineWarning.NotRedFilter);
        b.HasIndex(x => x.YellowOn).HasFilter(Clock.DeadlineWarning.NormalFilter);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => x.CaseNumber).IsUnique();
        // Work queues: "cases of my organisation in this status, oldest first".
        b.HasIndex(x => new { x.HandlingOrganisationId, x.Status, x.SubmittedAt });
        // issue 10 — the same queues for staff whose role has section scope: "cases of my section in this status".
        b.HasIndex(x => new { x.HandlingSectionId, x.Status, x.SubmittedAt });
        b.HasIndex(x => new { x.ApplicantAccountId, x.CreatedAt });
        // issue 10 — an enterprise's "我的办件" holds the cases its agents filed for it.
        b.HasIndex(x => new { x.ForEnterpriseAccountId, x.CreatedAt });
        b.HasOne<Item>().WithMany().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.HandlingOrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.HandlingSectionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.ApplicantAccountId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Hall.Window>().WithMany().HasForeignKey(x => x.WindowId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.AssigneeId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.AssigneeId);
        b.HasMany(x => x.Timeline).WithOne().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Materials).WithOne().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}
