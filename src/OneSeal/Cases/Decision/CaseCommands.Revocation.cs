using OneSeal.Cases.Machine;
using OneSeal.Platform.Database;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;
using F = OneSeal.Notices.NoticeFields;

namespace OneSeal.Cases;

/// <summary>撤销行政许可 (Art. 69): the chief revokes the bureau's approval with a sealed decision; the certificate goes with it.</summary>
public sealed partial class CaseCommands
{
    public const int MaxRevocationReasonLength = 500;

    public Task<Case> RevokeAsync(Actor actor, Guid caseId, string? reason, int? expectedVersion, CancellationToken ct) => db.InTransactionAsync(async () =>
    {
        var (c, row) = await BeginAsync(caseId, CaseAction.Revoke, actor, expectedVersion, ct);
        var text = RequiredText("reason", reason, "撤销行政许可须说明理由（reason）。", maxLength: MaxRevocationReasonLength);
        var now = clock.Now();
        // The certificate is revoked in this transaction (Seal tells its revocation listeners, e.g. the supervision push).
        if (c.CertificateNumber is { } number) await certificates.RevokeAsync(number, text, actor, ct);
        return await ApplyAsync(c, row, actor, text, now, ct,
            [(F.Reason, text), (F.CertificateNumber, c.CertificateNumber ?? "—"), (F.LicenceContent, c.ItemName)]);
    }, ct);
}
