using System.Text.Json;
using OneSeal.Platform.Http;

namespace OneSeal.Cases.Api;

/// <summary>
/// An application: online by the applicant, or <c>channel: "window"</c> with <c>applicantId</c> by a clerk at a window.
/// Online, <c>forEnterpriseId</c> files it as the agent (经办人) of an enterprise account that granted the applicant.
/// </summary>
public sealed record CreateCaseRequest(string? ItemCode, JsonElement? Form, string? Channel = null, Guid? ApplicantId = null,
    Guid? ForEnterpriseId = null) : IIdempotentBody;
public sealed record CorrectionRequest(List<string>? Missing, string? Note);
public sealed record RefuseRequest(string? Reason);
public sealed record ReviewRequest(string? Opinion, string? Recommend);
public sealed record DecideRequest(bool? Approve, string? Reason);
public sealed record SuspendRequest(string? Kind, string? Reason, int? ExpectedDays);
public sealed record ReasonRequest(string? Reason);
public sealed record CommitRequest(string? Kind, string? Text, List<string>? Materials, DateOnly? SupplyBy);
public sealed record CommitmentCreated(Guid Id, string Kind, DateOnly? SupplyBy);
public sealed record DeliverRequest(string? Mode, string? TrackingNumber);
public sealed record PauseEntry(string Kind, string Reason, int ExpectedDays, DateOnly StartedOn, DateOnly? EndedOn, int? PausedDays);
public sealed record ClockDayEntry(DateOnly Date, string Treatment, int? Number, string? Note);
public sealed record DeadlineExplanation(DateOnly? AcceptedOn, int PromisedDays, int ExtensionDays, int PausedDays, DateOnly? DueDate,
    string DeadlineState, IReadOnlyList<PauseEntry> Pauses, IReadOnlyList<ClockDayEntry> Days, IReadOnlyList<StepEntry> Steps, StepEntry? CurrentStep);

/// <summary>
/// One process step of a case (办理环节): kind (accept, review, decide, deliver, site-inspection, expert-review, hearing,
/// testing, joint-review), its share of the promised limit and budget in working days, due date, and state: done / normal /
/// yellow / red / paused / pending / skipped.
/// </summary>
public sealed record StepEntry(string Kind, string Label, int SharePercent, bool StopsClock, int? BudgetDays, DateOnly? DueDate, string State,
    DateOnly? CompletedOn, bool? OnTime)
{
    public static StepEntry? Of(Clock.StepStatus? s) => s is null ? null : new(Clock.StepLabels.Api(s.Kind), Catalog.ItemLabels.Of(s.Kind), s.SharePercent,
        s.StopsClock, s.BudgetDays, s.DueDate, Clock.StepLabels.Api(s.State), s.CompletedOn, s.OnTime);

    public static IReadOnlyList<StepEntry> List(Clock.StepSchedule schedule) => schedule.Steps.Select(s => Of(s)!).ToList();
}

public sealed record CaseCreated(Guid Id, string CaseNumber, string Status);
public sealed record TimelineEntry(DateTimeOffset At, string Actor, string Action, string? Note);
/// <summary><c>paperCheck</c>: at a window, <c>original</c> (原件已核验) or <c>copy</c> (复印件留存); null online.</summary>
public sealed record MaterialEntry(Guid Id, string MaterialCode, string FileName, string ContentType, long SizeBytes, string Sha256, DateTimeOffset UploadedAt,
    string? PaperCheck = null);
/// <summary><c>availableActions</c>: what the caller may do to the case now, from the case machine (e.g. <c>accept</c>, <c>approve</c>, <c>upload-material</c>).</summary>
public sealed record CaseResponse(
    Guid Id, string CaseNumber, string Status, string ItemCode, string ItemName, string ApplicantName, string Channel,
    DateOnly? DueDate, string DeadlineState, int PausedDays, int ExtensionDays, bool DeemedAccepted, string? CertificateNumber, int Version, IReadOnlyDictionary<string, string?> Form,
    IReadOnlyList<string>? CorrectionMaterials, string? CorrectionNote, string? RefusalReason,
    IReadOnlyList<TimelineEntry> Timeline, IReadOnlyList<MaterialEntry> Materials, IReadOnlyList<StepEntry> Steps, StepEntry? CurrentStep,
    HolderEntry Holder, IReadOnlyList<NotSubmittedEntry> NotSubmittedMaterials, IReadOnlyList<string> AvailableActions);
/// <summary>持证主体: the entity the result is made out to (code masked); <c>codeType</c> 111 / 001 / 099 / 999.</summary>
public sealed record HolderEntry(string Name, string CodeType, string CodeMasked);
/// <summary>A required material the applicant did not submit: <c>reason</c> shared-check (电子证照库共享核验) or commitment (告知承诺代替).</summary>
public sealed record NotSubmittedEntry(string MaterialCode, string Name, string Reason);
public sealed record CaseSummary(Guid Id, string CaseNumber, string Status, string ItemCode, string ItemName, string ApplicantName, DateTimeOffset? SubmittedAt, DateOnly? DueDate, int Version,
    StepEntry? CurrentStep);
