using OneSeal.Platform.Time;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Outbox;
using OneSeal.Platform.Security;
using OneSeal.Organisation;

namespace OneSeal.Seal;

/// <summary>
/// Issues a certificate in the decision's unit of work: number, metadata and the <c>certificate.render</c> outbox message.
/// The PDF is rendered, stored and signed after the commit (<see cref="CertificateRenderHandler"/>), so a decision never
/// waits for, or fails with, the renderer.
/// </summary>
public sealed class CertificateIssuer(
    OneSealDb db, SealKeyStore keys, PersonalData personalData, SealOptions options, TimeProvider clock) : ICertificateIssuer
{
    public async Task<Certificate> IssueAsync(CertificateRequest request, CancellationToken ct)
    {
        var holderCode = CertificateRequestRules.Validate(request, clock);
        var issuer = await db.Set<Agency>().AsNoTracking().Where(o => o.Id == request.IssuerOrganisationId)
            .Select(o => new { o.Id, o.Kind, o.Name }).FirstOrDefaultAsync(ct)
            ?? throw new InvalidInputException("issuerOrganisationId", "unknown-organisation", "颁发机构不存在");
        await IssuerSeals.EnsureAsync(db, issuer.Id, issuer.Kind, issuer.Name, ct);
        var year = request.IssuedOn.Year;
        // Numbered when the unit of work commits (Sequences.NumberAtCommit): the certificate:YYYY counter row, which every
        // decision of the year queues on, is then locked only from the numbering to COMMIT, not for the rest of the decision.
        // Until then the number is a placeholder that the commit replaces wherever the decision wrote it.
        var number = db.NumberAtCommit($"certificate:{year}", sequence => $"{options.NumberPrefix}{year:D4}-{sequence:D6}");
        var certificate = new Certificate
        {
            Id = Guid.NewGuid(),
            Number = number,
            CaseId = request.CaseId,
            HolderAccountId = request.HolderAccountId,
            ItemCode = request.ItemCode.Trim(),
            Name = request.CertificateName.Trim(),
            TypeCode = request.TypeCode.Trim(),
            HolderName = request.HolderName.Trim(),
            HolderCodeType = request.HolderCodeType,
            HolderCodeMasked = holderCode.Masked,
            HolderCodeProtected = personalData.Protect(holderCode.Value),
            IssuerOrganisationId = request.IssuerOrganisationId,
            IssuerName = request.IssuerName.Trim(),
            IssuerCode = request.IssuerCode.Trim().ToUpperInvariant(),
            IssuedOn = request.IssuedOn,
            ValidFrom = request.ValidFrom,
            ValidUntil = request.ValidUntil,
            Status = CertificateStatus.Valid,
            PdfStatus = CertificatePdfStatus.Pending,
            PrintProtected = personalData.Protect(JsonSerializer.Serialize(
                new CertificatePrint(request.CaseNumber.Trim(), request.ItemName.Trim(), request.Details), CertificatePrint.Json)),
            PdfKey = "",
            PdfSha256 = "",
            SignedPayload = "",
            Signature = "",
            CreatedAt = clock.Now(),
            DecidedById = request.DecidedById,
            // The seal that will sign it: the issuer's active key, created now (with the decision) if it has none yet.
            SealKeyId = (await keys.GetActiveAsync(request.IssuerOrganisationId, ct)).Key.Id,
        };
        db.Add(certificate);
        Outbox.Enqueue(db, CertificateTopics.Render, new RenderCertificate(certificate.Id), certificate.CreatedAt);
        return certificate;
    }
}
