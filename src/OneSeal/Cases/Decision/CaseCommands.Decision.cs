using Microsoft.EntityFrameworkCore;
using OneSeal.Cases.Materials;
using OneSeal.Cases.Clock;
using OneSeal.Cases.Rules;
using OneSeal.Catalog;
using OneSeal.Organisation;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;
using OneSeal.Seal;

namespace OneSeal.Cases;

/// <summary>Review and decision (受审分离): the reviewer gives an opinion, the chief decides and the bureau seals the certificate.</summary>
public sealed partial class CaseCommands
{
    public async Task<Case> ReviewAsync(Actor actor, Guid caseId, string? opinion, string? recommend, int? expectedVersion, CancellationToken ct)
    {
        var c = await LoadAsync(caseId, ct);
        CaseAccess.EnsureStaff(actor, c, Roles.Reviewer);
        EnsureVersion(c, expectedVersion);
        CaseTransitions.Ensure(CaseActions.Reviewed, c);
        SeparationOfDuties.AcceptorCannotReview(c, actor);
        var text = RequiredText("opinion", opinion, "请填写审查意见（opinion）。");
        bool approve = recommend switch
        {
            "approve" => true,
            "deny" => false,
            _ => throw new InvalidInputException("recommend", "one-of", "审查建议（recommend）应为 approve 或 deny。"),
        };
        var now = clock.Now();
        c.ReviewedById = actor.Id;
        c.ReviewedAt = now;
        c.ReviewOpinion = text;
        c.ReviewRecommendsApproval = approve;
        return await MoveAsync(c, actor, CaseActions.Reviewed, CaseStatus.Reviewed, $"{(approve ? "建议准予" : "建议不予")}许可：{text}", now, ct);
    }

    public async Task<Case> DecideAsync(Actor actor, Guid caseId, bool? approve, string? reason, int? expectedVersion, CancellationToken ct)
    {
        var c = await LoadAsync(caseId, ct);
        CaseAccess.EnsureStaff(actor, c, Roles.Chief);
        EnsureVersion(c, expectedVersion);
        if (approve is null) throw new InvalidInputException("approve", "required", "请选择准予或不予许可（approve）。");
        // 即办件: decided in the same visit, straight after acceptance, without a separate review step.
        var immediate = c.Status == CaseStatus.Accepted && (await versions.GetAsync(db, c.ItemId, ct)).Kind == ItemKind.Immediate;
        if (!immediate) CaseTransitions.Ensure(approve.Value ? CaseActions.Approved : CaseActions.Denied, c);
        SeparationOfDuties.AcceptorCannotDecide(c, actor);
        SeparationOfDuties.ReviewerCannotDecide(c, actor);
        var text = approve.Value ? reason?.Trim() : RequiredText("reason", reason, "不予许可须说明理由（reason）。");
        if (text?.Length > 4000) throw new InvalidInputException("reason", "max-length", "理由不能超过4000字。");

        if (approve.Value) await EnsureNoOutstandingToleranceAsync(c, ct);
        var now = clock.Now();
        RecordDecision(c, actor, approve.Value, text, now);
        if (!approve.Value)
        {
            await NoticeAsync(c, Notices.NoticeKind.Denial, now, ct, (Notices.NoticeFields.Reason, text));
            return await MoveAsync(c, actor, CaseActions.Denied, CaseStatus.Denied, text, now, ct);
        }
        return await IssueApprovalAsync(c, actor, text, now, ct);
    }

    private void RecordDecision(Case c, Actor actor, bool approve, string? reason, DateTimeOffset now)
    {
        c.DecidedById = actor.Id == Guid.Empty ? null : actor.Id;
        c.DecidedAt = now;
        c.DecidedOn = LegalDates.ToLegalDate(now);
        c.DeliveryDueDate = calendar.AddWorkingDays(c.DecidedOn.Value, LicensingLimits.Delivery);
        c.DeadlineState = DeadlineState.Normal;
        c.Approved = approve;
        c.DecisionReason = reason;
    }

    /// <summary>准予许可: the bureau seals the certificate; an approval on commitment also opens a verification task.</summary>
    private async Task<Case> IssueApprovalAsync(Case c, Actor actor, string? note, DateTimeOffset now, CancellationToken ct, IReadOnlyList<KeyValuePair<string, string>>? extraDetails = null)
    {
        var request = await CertificateRequestFor(c, now, ct);
        if (extraDetails is not null) request = request with { Details = [.. request.Details, .. extraDetails] };
        var certificate = await issuer.IssueAsync(request, ct);
        c.CertificateNumber = certificate.Number;
        await NoticeAsync(c, Notices.NoticeKind.Approval, now, ct, (Notices.NoticeFields.LicenceContent, c.ItemName),
            (Notices.NoticeFields.CertificateName, request.CertificateName), (Notices.NoticeFields.CertificateNumber, certificate.Number),
            (Notices.NoticeFields.Validity, request.ValidUntil is { } until ? $"{Iso(request.ValidFrom)} 至 {Iso(until)}" : "长期"));
        AddEvent(c, actor, CaseActions.Approved, note, c.Status, now);
        db.Audit(actor, $"case.{CaseActions.Approved}", "case", c.Id.ToString(), Fit(note), now);
        await OpenVerificationTaskAsync(c, actor, now, ct);
        return await MoveAsync(c, actor, CaseActions.CertificateIssued, CaseStatus.CertificateIssued, $"证照编号 {certificate.Number}", now, ct);
    }

    private async Task<CertificateRequest> CertificateRequestFor(Case c, DateTimeOffset now, CancellationToken ct)
    {
        var item = await versions.GetAsync(db, c.ItemId, ct);
        var bureau = await agencies.GetAsync(db, c.HandlingOrganisationId, ct);
        var form = ReadForm(c);
        var holder = await CaseHolder.OfAsync(db, c, HolderMapping.Of(item), form, personalData, ct);
        var issuedOn = LegalDates.ToLegalDate(now);
        // Details printed on the certificate: the form's plain-text fields; identity fields stay off the document.
        var details = item.FormFields
            .Where(f => f.Type is FormFieldType.Text or FormFieldType.Date or FormFieldType.Number && form.TryGetValue(f.Key, out var v) && !string.IsNullOrEmpty(v))
            .Select(f => KeyValuePair.Create(f.Label, form[f.Key]!))
            .ToList();
        return new CertificateRequest(
            c.Id, c.CaseNumber, c.ApplicantAccountId, item.Code, item.Name, item.ResultName, item.ResultTypeCode,
            holder.Name, holder.CodeType, holder.Code,
            bureau.Id, bureau.Name, bureau.Uscc ?? bureau.Code, issuedOn, issuedOn,
            item.ResultValidityYears is { } years ? issuedOn.AddYears(years).AddDays(-1) : null,
            details);
    }

    /// <summary>终止审查: the bureau ends a running case without a decision on the merits (e.g. the applicant died or dissolved).</summary>
    public async Task<Case> TerminateAsync(Actor actor, Guid caseId, string? reason, int? expectedVersion, CancellationToken ct)
    {
        var c = await LoadAsync(caseId, ct);
        CaseAccess.EnsureStaff(actor, c, Roles.Chief);
        EnsureVersion(c, expectedVersion);
        CaseTransitions.Ensure(CaseActions.Terminated, c);
        var text = RequiredText("reason", reason, "终止审查须说明理由（reason）。", maxLength: 2000);
        await ClosePauseAsync(c, actor, clock.Now(), ct);
        c.EndReason = text;
        c.DeadlineState = DeadlineState.Normal;
        var now = clock.Now();
        await NoticeAsync(c, Notices.NoticeKind.Termination, now, ct, (Notices.NoticeFields.Reason, text));
        return await MoveAsync(c, actor, CaseActions.Terminated, CaseStatus.Terminated, text, now, ct);
    }
}
