using Microsoft.EntityFrameworkCore;
using OneSeal.Cases.Clock;
using OneSeal.Cases.Machine;
using OneSeal.Cases.Rules;
using OneSeal.Catalog;
using OneSeal.Organisation;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;
using OneSeal.Seal;
using F = OneSeal.Notices.NoticeFields;

namespace OneSeal.Cases;

/// <summary>Review and decision (受审分离): the reviewer gives an opinion, the chief decides and the bureau seals the certificate.</summary>
public sealed partial class CaseCommands
{
    public Task<Case> ReviewAsync(Actor actor, Guid caseId, string? opinion, string? recommend, int? expectedVersion, CancellationToken ct) =>
        db.InTransactionAsync(async () =>
    {
        var (c, row) = await BeginAsync(caseId, CaseAction.Review, actor, expectedVersion, ct);
        var text = RequiredText("opinion", opinion, "请填写审查意见（opinion）。");
        bool approve = recommend switch
        {
            "approve" => true,
            "deny" => false,
            _ => throw new InvalidInputException("recommend", "one-of", "审查建议（recommend）应为 approve 或 deny。"),
        };
        var now = clock.Now();
        c.RecordReview(actor.Id, now, text, approve);
        return await ApplyAsync(c, row, actor, $"{(approve ? "建议准予" : "建议不予")}许可：{text}", now, ct);
    }, ct);

    /// <summary>准予 or 不予许可 by the chief: after review, or straight after acceptance for a 即办件 (the machine's guard says which).</summary>
    public Task<Case> DecideAsync(Actor actor, Guid caseId, bool? approve, string? reason, int? expectedVersion, CancellationToken ct) =>
        db.InTransactionAsync(async () =>
    {
        if (approve is null)
        {
            // Who may and which state first, so a stranger learns nothing from the input check.
            var c0 = await LoadAsync(caseId, ct);
            CaseAccess.EnsureStaff(actor, c0, Roles.Chief);
            throw new InvalidInputException("approve", "required", "请选择准予或不予许可（approve）。");
        }
        var (c, row) = await BeginAsync(caseId, approve.Value ? CaseAction.Approve : CaseAction.Deny, actor, expectedVersion, ct);
        var text = approve.Value ? reason?.Trim() : RequiredText("reason", reason, "不予许可须说明理由（reason）。");
        if (text?.Length > 4000) throw new InvalidInputException("reason", "max-length", "理由不能超过4000字。");

        var now = clock.Now();
        await RecordDecisionAsync(c, actor, approve.Value, text, now, ct);
        return approve.Value
            ? await IssueApprovalAsync(c, row, actor, text, now, ct)
            : await ApplyAsync(c, row, actor, text, now, ct, [(F.Reason, text)]);
    }, ct);

    private async Task RecordDecisionAsync(Case c, Actor actor, bool approve, string? reason, DateTimeOffset now, CancellationToken ct)
    {
        var on = LegalDates.ToLegalDate(now);
        c.RecordDecision(actor.Id == Guid.Empty ? null : actor.Id, now, on, calendar.AddWorkingDays(on, LicensingLimits.Delivery), approve, reason);
        // The result window's pick-up code and the fee demand are written in the decision's transaction.
        foreach (var listener in decisionListeners) await listener.OnDecidedAsync(c, actor, now, ct);
    }

    /// <summary>准予许可: the bureau seals the certificate (the push to the supervising department came with the decision's listeners).</summary>
    private async Task<Case> IssueApprovalAsync(Case c, Transition row, Actor actor, string? note, DateTimeOffset now, CancellationToken ct,
        IReadOnlyList<KeyValuePair<string, string>>? extraDetails = null)
    {
        var request = await CertificateRequestFor(c, now, ct) with { DecidedById = actor.Id == Guid.Empty ? null : actor.Id };
        if (extraDetails is not null) request = request with { Details = [.. request.Details, .. extraDetails] };
        AddEvent(c, actor, CaseActions.Approved, note, c.Status, now);
        db.Audit(actor, $"case.{CaseActions.Approved}", "case", c.Id.ToString(), Fit(note), now);
        // The certificate's number is taken at commit (the counter row stays unlocked for the rest of the decision), then the
        // approval notice's: counters are taken in name order. Until then certificate.Number is a placeholder, and the case,
        // the timeline line, the approval notice's fields and the events below carry it as they will carry the number: the
        // commit replaces it in all of them in the same transaction. The notice keeps the number in its own fields (not a
        // reference to the certificate) because the sealed 决定书 is a self-contained legal text the notice renderer prints
        // without reading Seal's tables. The audit line is chained before numbers are taken, so it names the certificate by id.
        var certificate = await issuer.IssueAsync(request, ct);
        c.RecordCertificate(certificate.Number);
        await RecordCertificateIssuedAsync(c, certificate, now, ct);
        return await ApplyAsync(c, row, actor, $"证照编号 {certificate.Number}", now, ct,
            [(F.LicenceContent, c.ItemName), (F.CertificateName, request.CertificateName), (F.CertificateNumber, certificate.Number),
             (F.Validity, request.ValidUntil is { } until ? $"{Iso(request.ValidFrom)} 至 {Iso(until)}" : "长期")],
            auditDetail: $"certificate {certificate.Id}");
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
    public Task<Case> TerminateAsync(Actor actor, Guid caseId, string? reason, int? expectedVersion, CancellationToken ct) => db.InTransactionAsync(async () =>
    {
        var (c, row) = await BeginAsync(caseId, CaseAction.Terminate, actor, expectedVersion, ct);
        var text = RequiredText("reason", reason, "终止审查须说明理由（reason）。", maxLength: 2000);
        return await EndAsync(c, row, actor, text, ct);
    }, ct);

    /// <summary>A running case ends without a decision: its pause closes, its clock stops, and the termination notice says why.</summary>
    private async Task<Case> EndAsync(Case c, Transition row, Actor actor, string reason, CancellationToken ct)
    {
        var now = clock.Now();
        await ClosePauseAsync(c, actor, now, ct);
        c.RecordEnd(reason);
        return await ApplyAsync(c, row, actor, reason, now, ct, [(F.Reason, reason)]);
    }
}
