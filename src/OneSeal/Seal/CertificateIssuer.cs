using OneSeal.Platform.Time;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OneSeal.Documents;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Storage;
using OneSeal.Organisation;

namespace OneSeal.Seal;

public sealed class CertificateIssuer(
    OneSealDb db, SealKeyStore keys, IPdfRenderer pdf, IFileStore files, PersonalData personalData,
    SealOptions options, TimeProvider clock) : ICertificateIssuer
{
    public async Task<Certificate> IssueAsync(CertificateRequest request, CancellationToken ct)
    {
        var holderCode = CertificateRequestRules.Validate(request, clock);
        if (!await db.Set<Agency>().AnyAsync(o => o.Id == request.IssuerOrganisationId, ct))
            throw new InvalidInputException("issuerOrganisationId", "unknown-organisation", "颁发机构不存在");
        var number = await NextNumberAsync(request.IssuedOn.Year, ct);
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
            PdfKey = "",
            PdfSha256 = "",
            SignedPayload = "",
            Signature = "",
            CreatedAt = clock.Now(),
        };

        var bytes = await pdf.RenderAsync(CertificateDocument.Html(Sheet(certificate, request)), ct);
        using (var stream = new MemoryStream(bytes, writable: false))
            certificate.PdfKey = (await files.SaveAsync($"certificates/{request.IssuedOn.Year:D4}", stream, ct)).Key;
        certificate.PdfSha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));

        var seal = await keys.GetActiveAsync(request.IssuerOrganisationId, ct);
        certificate.SignedPayload = CertificatePayload.Build(certificate, request.CaseNumber);
        certificate.Signature = Convert.ToBase64String(Sm2Signature.Sign(seal.PrivateKey, Encoding.UTF8.GetBytes(certificate.SignedPayload)));
        certificate.SealKeyId = seal.Key.Id;

        db.Add(certificate);
        return certificate;
    }

    private async Task<string> NextNumberAsync(int year, CancellationToken ct)
    {
        var sequence = await db.NextAsync($"certificate:{year}", ct);
        return $"{options.NumberPrefix}{year:D4}-{sequence:D6}";
    }

    private CertificateSheet Sheet(Certificate c, CertificateRequest r) => new(
        c.Name, c.Number, c.HolderName, c.HolderCodeType, c.HolderCodeMasked, r.ItemName.Trim(), r.Details,
        c.IssuerName, c.IssuedOn, c.ValidFrom, c.ValidUntil, options.VerifyUrl(c.Number));
}
