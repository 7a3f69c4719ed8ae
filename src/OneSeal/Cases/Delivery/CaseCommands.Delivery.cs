using Microsoft.EntityFrameworkCore;
using OneSeal.Cases.Materials;
using OneSeal.Cases.Rules;
using OneSeal.Organisation;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;

namespace OneSeal.Cases;

/// <summary>Delivery of the result (送达, Art. 44).</summary>
public sealed partial class CaseCommands
{
    /// <summary>Electronic delivery: the holder downloaded the certificate. Repeating it changes nothing.</summary>
    public async Task MarkDeliveredAsync(Actor actor, Guid caseId, string mode, CancellationToken ct)
    {
        var c = await LoadAsync(caseId, ct);
        if (c.Status != CaseStatus.CertificateIssued) return;
        c.DeliveredAt = clock.Now();
        c.DeliveryMode = "electronic";
        await NoticeAsync(c, Notices.NoticeKind.DeliveryReceipt, c.DeliveredAt.Value, ct,
            (Notices.NoticeFields.DeliveredDocument, $"准予行政许可决定书及电子证照（{c.CertificateNumber}）"), (Notices.NoticeFields.DeliveryMode, "电子送达"),
            (Notices.NoticeFields.DeliveryDate, Iso(LegalDates.ToLegalDate(c.DeliveredAt.Value))));
        await MoveAsync(c, actor, CaseActions.Delivered, CaseStatus.Delivered, mode, c.DeliveredAt.Value, ct);
    }

    public static readonly string[] DeliveryModes = ["pickup", "post", "electronic"];

    /// <summary>
    /// Delivery recorded at the result window (综合窗口出件): pick-up, post with a tracking number, or electronic;
    /// a denial is delivered the same way. Art. 44 allows 10 working days from the decision.
    /// </summary>
    public async Task<Case> DeliverAsync(Actor actor, Guid caseId, string? mode, string? trackingNumber, int? expectedVersion, CancellationToken ct)
    {
        var c = await LoadAsync(caseId, ct);
        CaseAccess.EnsureStaff(actor, c, Roles.Clerk);
        EnsureVersion(c, expectedVersion);
        CaseTransitions.Ensure(CaseActions.Delivered, c);
        if (mode is null || !DeliveryModes.Contains(mode))
            throw new InvalidInputException("mode", "one-of", "送达方式（mode）应为 pickup（窗口领取）、post（邮寄）或 electronic（电子送达）。");
        var tracking = trackingNumber?.Trim();
        if (mode == "post" && string.IsNullOrEmpty(tracking))
            throw new InvalidInputException("trackingNumber", "required", "邮寄送达须填写快递单号（trackingNumber）。");
        if (tracking?.Length > 64) throw new InvalidInputException("trackingNumber", "max-length", "快递单号不能超过64个字符。");

        var now = clock.Now();
        c.DeliveredAt = now;
        c.DeliveryMode = mode;
        c.TrackingNumber = mode == "post" ? tracking : null;
        var label = mode switch { "pickup" => "窗口领取", "post" => $"邮寄送达，快递单号 {tracking}", _ => "电子送达" };
        await NoticeAsync(c, Notices.NoticeKind.DeliveryReceipt, now, ct,
            (Notices.NoticeFields.DeliveredDocument, c.Approved == true ? $"准予行政许可决定书及证照（{c.CertificateNumber}）" : "不予行政许可决定书"),
            (Notices.NoticeFields.DeliveryMode, mode switch { "pickup" => "窗口领取", "post" => "邮寄送达", _ => "电子送达" }),
            (Notices.NoticeFields.DeliveryDate, Iso(LegalDates.ToLegalDate(now))),
            (Notices.NoticeFields.TrackingNumber, c.TrackingNumber));
        var late = c.DeliveryDueDate is { } dueBy && LegalDates.ToLegalDate(now) > dueBy ? $"（超过法定送达期限 {dueBy:yyyy-MM-dd}）" : "";
        return await MoveAsync(c, actor, CaseActions.Delivered, CaseStatus.Delivered, label + late, now, ct);
    }
}
