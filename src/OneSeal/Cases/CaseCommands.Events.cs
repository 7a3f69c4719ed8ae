using OneSeal.Cases.Machine;
using OneSeal.Organisation.Identifiers;
using OneSeal.Platform.Events;
using OneSeal.Seal;

namespace OneSeal.Cases;

/// <summary>
/// The events other systems learn of a case (issue 13 §3), recorded by <see cref="ApplyAsync"/> in the transition's own
/// unit of work, so an event exists exactly when its change committed. Data holds what the supervising department may
/// know: numbers, item, status, decision, dates, and the holder with a person's name and every code masked.
/// </summary>
public sealed partial class CaseCommands
{
    /// <summary>The contract's event type and action of a machine row; null for rows other systems are not told of (review, uploads, withdrawal…).</summary>
    public static (string Type, string Action)? ExchangeEventOf(Transition row) => row.Action switch
    {
        CaseAction.Submit => (EventTypes.CaseSubmitted, row.From == CaseStatus.CorrectionRequested ? "resubmitted" : "submitted"),
        CaseAction.Accept => (EventTypes.CaseAccepted, "accepted"),
        CaseAction.DeemAccept => (EventTypes.CaseAccepted, "deemed-accepted"),
        CaseAction.RequestCorrection => (EventTypes.CaseCorrected, "correction-requested"),
        CaseAction.Refuse => (EventTypes.CaseRefused, "refused"),
        CaseAction.Suspend => (EventTypes.CaseSuspended, "suspended"),
        CaseAction.Resume => (EventTypes.CaseResumed, "resumed"),
        CaseAction.Extend => (EventTypes.CaseExtended, "extended"),
        CaseAction.Approve or CaseAction.DeemApprove or CaseAction.ApproveAtWindow => (EventTypes.CaseDecided, "approved"),
        CaseAction.Deny or CaseAction.DenyAtWindow => (EventTypes.CaseDecided, "refused"),
        // 撤销行政许可 is a new decision on the case (its certificate's own certificate.revoked comes from the revocation).
        CaseAction.Revoke => (EventTypes.CaseDecided, "revoked"),
        CaseAction.Deliver or CaseAction.DeliverOnDownload => (EventTypes.CaseDelivered, "delivered"),
        _ => null,
    };

    private async Task RecordExchangeEventAsync(Case c, Transition row, DateTimeOffset now, CancellationToken ct)
    {
        if (ExchangeEventOf(row) is not { } e) return;
        var item = await versions.GetAsync(db, c.ItemId, ct);
        var holder = await HolderAsync(c, ct);
        EventLog.Record(db, e.Type, c.CaseNumber, new
        {
            caseNumber = c.CaseNumber,
            itemCode = c.ItemCode,
            itemName = c.ItemName,
            status = CaseStatusLabels.Api(c.Status),
            statusLabel = CaseStatusLabels.Of(c.Status),
            action = e.Action,
            decision = c.Approved switch { true => "approved", false => "refused", null => null },
            submittedAt = c.SubmittedAt,
            acceptedOn = c.AcceptedOn,
            dueDate = c.DueDate,
            decidedOn = c.DecidedOn,
            deliveredAt = c.DeliveredAt,
            certificateNumber = c.CertificateNumber,
            holder = HolderData(holder),
        }, now, item.SupervisingDepartmentId, c.ItemCode, e.Action);
    }

    /// <summary>certificate.issued, in the approval's unit of work (Seal issues it; the case knows its item's department).</summary>
    private async Task RecordCertificateIssuedAsync(Case c, Certificate certificate, DateTimeOffset now, CancellationToken ct)
    {
        var item = await versions.GetAsync(db, c.ItemId, ct);
        EventLog.Record(db, EventTypes.CertificateIssued, certificate.Number, CertificateData(certificate, c.CaseNumber, c.ItemName),
            now, item.SupervisingDepartmentId, c.ItemCode, "issued");
    }

    /// <summary>A certificate as the events carry it (issued, revoked): the holder code only masked, a person's name masked.</summary>
    internal static object CertificateData(Certificate certificate, string caseNumber, string itemName) => new
    {
        certificateNumber = certificate.Number,
        certificateName = certificate.Name,
        typeCode = certificate.TypeCode,
        caseNumber,
        itemCode = certificate.ItemCode,
        itemName,
        issuerName = certificate.IssuerName,
        issuedOn = certificate.IssuedOn,
        validFrom = certificate.ValidFrom,
        validUntil = certificate.ValidUntil,
        status = certificate.Status == CertificateStatus.Revoked ? "revoked" : "valid",
        revokedAt = certificate.RevokedAt,
        revokedReason = certificate.RevokedReason,
        holder = HolderData(new CaseHolder(certificate.HolderName, certificate.HolderCodeType, ""), certificate.HolderCodeMasked),
    };

    /// <summary>An organisation's name is public; a person's is masked, and every code is masked.</summary>
    internal static object HolderData(CaseHolder h, string? codeMasked = null) =>
        new { name = h.IsOrganisation ? h.Name : Masking.MaskName(h.Name), codeType = h.CodeType, codeMasked = codeMasked ?? h.CodeMasked };
}
