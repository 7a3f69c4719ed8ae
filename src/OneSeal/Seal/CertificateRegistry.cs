using OneSeal.Platform.Time;
using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;

namespace OneSeal.Seal;

/// <summary>Certificates as the signed-in see them: who may read one, and revocation by the issuing organisation.</summary>
public sealed class CertificateRegistry(OneSealDb db, TimeProvider clock, ILogger<CertificateRegistry> log,
    IEnumerable<ICertificateRevocationListener> revocationListeners)
{
    public const int MaxReasonLength = 500;

    /// <summary>The holder, case-handling staff of the issuing organisation, and monitoring officers (not its administrator).</summary>
    public static bool CanRead(Certificate c, Actor a) =>
        a.Id == c.HolderAccountId
        || (a.Kind == AccountKind.Staff && a.WorkUnitId == c.IssuerOrganisationId && Roles.CaseHandling.Any(a.Has))
        || a.Has(Roles.Monitor)
        // issue 11 — a window chief prints the certificate of a 即办件 decided at the window
        || (a.Kind == AccountKind.Staff && a.Reaches(Roles.WindowChief, c.IssuerOrganisationId));

    /// <summary>A chief (首席代表) of the organisation whose seal is on it.</summary>
    public static bool CanRevoke(Certificate c, Actor a) =>
        a.Kind == AccountKind.Staff && a.WorkUnitId == c.IssuerOrganisationId && a.Has(Roles.Chief);

    public async Task<Certificate> GetAsync(string number, Actor actor, CancellationToken ct)
    {
        var certificate = await FindAsync(number, ct);
        if (!CanRead(certificate, actor))
            throw new ForbiddenException("certificate-scope", "只有持证人、颁发机构的办件人员和电子监察人员可以查看该证照");
        return certificate;
    }

    public async Task<Certificate> RevokeAsync(string number, string? reason, Actor actor, CancellationToken ct)
    {
        var certificate = await FindAsync(number, ct);
        if (!CanRevoke(certificate, actor))
            throw new ForbiddenException("revoke-role", "只有颁发机构的科长或首席代表可以撤销证照");
        var why = reason?.Trim();
        if (string.IsNullOrEmpty(why))
            throw new InvalidInputException("reason", "required", "请填写撤销理由");
        if (why.Length > MaxReasonLength)
            throw new InvalidInputException("reason", "max-length", $"撤销理由不能超过{MaxReasonLength}个字符");

        // One conditional update, so two concurrent revocations cannot both succeed or overwrite each other's reason;
        // the audit line commits in the same transaction — the caller's when a case revocation asks (issue 13).
        var now = clock.Now();
        await db.InTransactionAsync(async () =>
        {
            var changed = await db.Set<Certificate>()
                .Where(c => c.Id == certificate.Id && c.Status == CertificateStatus.Valid)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(c => c.Status, CertificateStatus.Revoked)
                    .SetProperty(c => c.RevokedAt, now)
                    .SetProperty(c => c.RevokedReason, why), ct);
            if (changed == 0)
                throw new ConflictException("already-revoked", $"证照 {certificate.Number} 已经撤销");
            db.Audit(actor, "certificate.revoked", "certificate", certificate.Number, why, now);
            // The row read is untracked: these describe the revoked certificate to the caller, writing nothing.
            certificate.Status = CertificateStatus.Revoked;
            certificate.RevokedAt = now;
            certificate.RevokedReason = why;
            foreach (var listener in revocationListeners) await listener.OnRevokedAsync(new RevokedCertificate(certificate.CaseId, certificate.Number, certificate.ItemCode, certificate.IssuerOrganisationId), actor, why, now, ct);
            await db.CommitAsync(ct);
        }, ct);

        log.LogInformation("Certificate {Number} revoked by {Actor}", certificate.Number, actor.Id);
        return certificate;
    }

    /// <summary>Whether a certificate's PDF is ready, being prepared or failed (the case pages); null for an unknown number.</summary>
    public static async Task<CertificatePdfStatus?> PdfStatusAsync(OneSealDb db, string number, CancellationToken ct) =>
        await db.Set<Certificate>().AsNoTracking().Where(x => x.Number == number).Select(x => (CertificatePdfStatus?)x.PdfStatus).FirstOrDefaultAsync(ct);

    /// <summary>Certificates whose PDF is not issued yet, failed ones first (administrators: <c>/admin/documents</c>).</summary>
    public async Task<IReadOnlyList<Documents.UnissuedDocument>> UnissuedPdfsAsync(int take, CancellationToken ct) =>
        (await db.Set<Certificate>().AsNoTracking()
            .Where(c => c.PdfStatus != CertificatePdfStatus.Issued)
            .OrderByDescending(c => c.PdfStatus == CertificatePdfStatus.Failed).ThenBy(c => c.CreatedAt).Take(take)
            .Select(c => new { c.Id, c.Number, c.Name, c.CaseId, c.CreatedAt, c.PdfStatus, c.PdfFailureReason })
            .ToListAsync(ct))
        .Select(c => new Documents.UnissuedDocument(Documents.DocumentKind.Certificate, c.Id, c.Number, c.Name, c.CaseId, null,
            c.CreatedAt, c.PdfStatus == CertificatePdfStatus.Failed, c.PdfFailureReason))
        .ToList();

    private async Task<Certificate> FindAsync(string number, CancellationToken ct)
    {
        var wanted = number.Trim();
        return await db.Set<Certificate>().AsNoTracking().SingleOrDefaultAsync(c => c.Number == wanted, ct)
            ?? throw new NotFoundException($"证照 {wanted} 不存在");
    }
}
