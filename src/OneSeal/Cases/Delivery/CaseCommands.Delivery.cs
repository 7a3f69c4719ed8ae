using OneSeal.Cases.Machine;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;
using F = OneSeal.Notices.NoticeFields;

namespace OneSeal.Cases;

/// <summary>Delivery of the result (送达, Art. 44).</summary>
public sealed partial class CaseCommands
{
    /// <summary>Electronic delivery: the holder downloaded the certificate. Repeating it changes nothing.</summary>
    public Task MarkDeliveredAsync(Actor actor, Guid caseId, string mode, CancellationToken ct) => db.InTransactionAsync(async () =>
    {
        var c = await LoadAsync(caseId, ct);
        var context = await contexts.ForAsync(c, CaseMachine.Needs(CaseAction.DeliverOnDownload, c.Status), ct);
        if (CaseMachine.RowFor(c, CaseAction.DeliverOnDownload, actor, context) is not { } row) return;
        var now = clock.Now();
        c.RecordDelivery(now, "electronic", null);
        await ApplyAsync(c, row, actor, mode, now, ct,
            [(F.DeliveredDocument, $"准予行政许可决定书及电子证照（{c.CertificateNumber}）"), (F.DeliveryMode, "电子送达"),
             (F.DeliveryDate, Iso(LegalDates.ToLegalDate(now)))]);
    }, ct);

    public static readonly string[] DeliveryModes = ["pickup", "post", "electronic"];

    /// <summary>
    /// Delivery recorded at the result window (综合窗口出件): pick-up, post with a tracking number, or electronic;
    /// a denial is delivered the same way. Art. 44 allows 10 working days from the decision.
    /// </summary>
    /// <param name="signedBy">Who signed for it at the window (签收人), printed on the 送达回证; null leaves the line for a handwritten signature.</param>
    public Task<Case> DeliverAsync(Actor actor, Guid caseId, string? mode, string? trackingNumber, int? expectedVersion, CancellationToken ct,
        string? signedBy = null) =>
        db.InTransactionAsync(async () =>
    {
        var (c, row) = await BeginAsync(caseId, CaseAction.Deliver, actor, expectedVersion, ct);
        if (mode is null || !DeliveryModes.Contains(mode))
            throw new InvalidInputException("mode", "one-of", "送达方式（mode）应为 pickup（窗口领取）、post（邮寄）或 electronic（电子送达）。");
        var tracking = trackingNumber?.Trim();
        if (mode == "post" && string.IsNullOrEmpty(tracking))
            throw new InvalidInputException("trackingNumber", "required", "邮寄送达须填写快递单号（trackingNumber）。");
        if (tracking?.Length > 64) throw new InvalidInputException("trackingNumber", "max-length", "快递单号不能超过64个字符。");

        var now = clock.Now();
        c.RecordDelivery(now, mode, mode == "post" ? tracking : null);
        var label = mode switch { "pickup" => "窗口领取", "post" => $"邮寄送达，快递单号 {tracking}", _ => "电子送达" };
        var late = c.DeliveryDueDate is { } dueBy && LegalDates.ToLegalDate(now) > dueBy ? $"（超过法定送达期限 {dueBy:yyyy-MM-dd}）" : "";
        return await ApplyAsync(c, row, actor, label + late, now, ct,
            [(F.DeliveredDocument, c.Approved == true ? $"准予行政许可决定书及证照（{c.CertificateNumber}）" : "不予行政许可决定书"),
             (F.DeliveryMode, mode switch { "pickup" => "窗口领取", "post" => "邮寄送达", _ => "电子送达" }),
             (F.DeliveryDate, Iso(LegalDates.ToLegalDate(now))),
             (F.TrackingNumber, c.TrackingNumber), (F.SignedBy, signedBy)]);
    }, ct);
}
