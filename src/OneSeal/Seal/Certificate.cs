using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneSeal.Organisation;

namespace OneSeal.Seal;

public enum CertificateStatus { Valid, Revoked }

/// <summary>The certificate's PDF: rendered and signed by the outbox after the decision commits (<see cref="CertificateRenderHandler"/>).</summary>
public enum CertificatePdfStatus
{
    /// <summary>正在生成: not rendered yet.</summary>
    Pending,
    /// <summary>Rendered, stored and signed.</summary>
    Issued,
    /// <summary>The last attempt failed (<see cref="Certificate.PdfFailureReason"/>); the outbox keeps retrying.</summary>
    Failed,
}

/// <summary>
/// An issued licence (证照) with its GB/T 36901 metadata, the stored PDF and the issuer's SM2 signature
/// over <see cref="SignedPayload"/>. The library of these is what lets other items skip asking for the paper (免证办).
/// </summary>
public sealed class Certificate
{
    public Guid Id { get; set; }
    /// <summary>证照编号, e.g. QS2026-000123.</summary>
    public required string Number { get; set; }
    public Guid CaseId { get; set; }
    /// <summary>The account that applied (it may download the licence); the holder itself is <see cref="HolderName"/>.</summary>
    public Guid HolderAccountId { get; set; }
    public required string ItemCode { get; set; }
    /// <summary>证照名称, e.g. 食品经营许可证.</summary>
    public required string Name { get; set; }
    /// <summary>证照类型代码.</summary>
    public required string TypeCode { get; set; }
    /// <summary>持证主体.</summary>
    public required string HolderName { get; set; }
    /// <summary>持证主体代码类型: 111 citizen ID, 001 USCC, 099 other organisation, 999 other person (GB/T 36901).</summary>
    public required string HolderCodeType { get; set; }
    public required string HolderCodeMasked { get; set; }
    /// <summary>The full 持证主体代码, encrypted at rest with <see cref="OneSeal.Platform.Security.PersonalData"/>.</summary>
    public required string HolderCodeProtected { get; set; }
    public Guid IssuerOrganisationId { get; set; }
    /// <summary>颁发机构.</summary>
    public required string IssuerName { get; set; }
    /// <summary>颁发机构代码 (its USCC).</summary>
    public required string IssuerCode { get; set; }
    public DateOnly IssuedOn { get; set; }
    public DateOnly ValidFrom { get; set; }
    /// <summary>Null: valid without time limit (长期).</summary>
    public DateOnly? ValidUntil { get; set; }
    public CertificateStatus Status { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedReason { get; set; }
    /// <summary>Until the PDF is issued, <see cref="PdfKey"/>, <see cref="PdfSha256"/>, <see cref="SignedPayload"/> and <see cref="Signature"/> are empty.</summary>
    public CertificatePdfStatus PdfStatus { get; set; } = CertificatePdfStatus.Issued;
    public string? PdfFailureReason { get; set; }
    /// <summary>
    /// What the PDF prints beyond the row (case number, item, details: <see cref="CertificatePrint"/>), encrypted with
    /// <see cref="OneSeal.Platform.Security.PersonalData"/>; dropped once the PDF is issued.
    /// </summary>
    public string? PrintProtected { get; set; }
    public required string PdfKey { get; set; }
    /// <summary>SHA-256 of the PDF as issued, lowercase hex.</summary>
    public required string PdfSha256 { get; set; }
    /// <summary>The exact UTF-8 text that was signed (<see cref="CertificatePayload"/>).</summary>
    public required string SignedPayload { get; set; }
    /// <summary>SM2-with-SM3 signature over <see cref="SignedPayload"/>, base64 of DER (r, s).</summary>
    public required string Signature { get; set; }
    public Guid SealKeyId { get; set; }
    /// <summary>Who made the decision the certificate carries out (the seal's usage log names them).</summary>
    public Guid? DecidedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class CertificateConfiguration : IEntityTypeConfiguration<Certificate>
{
    public void Configure(EntityTypeBuilder<Certificate> b)
    {
        b.ToTable("certificates");
        b.Property(x => x.Number).HasMaxLength(32);
        b.Property(x => x.ItemCode).HasMaxLength(64);
        b.Property(x => x.Name).HasMaxLength(128);
        b.Property(x => x.TypeCode).HasMaxLength(64);
        b.Property(x => x.HolderName).HasMaxLength(200);
        b.Property(x => x.HolderCodeType).HasMaxLength(3);
        b.Property(x => x.HolderCodeMasked).HasMaxLength(32);
        b.Property(x => x.HolderCodeProtected).HasMaxLength(1024);
        b.Property(x => x.IssuerName).HasMaxLength(128);
        b.Property(x => x.IssuerCode).HasMaxLength(18);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.RevokedReason).HasMaxLength(500);
        b.Property(x => x.PdfStatus).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.PdfFailureReason).HasMaxLength(2000);
        b.Property(x => x.PdfKey).HasMaxLength(256);
        b.Property(x => x.PdfSha256).HasMaxLength(64);
        b.Property(x => x.SignedPayload).HasMaxLength(8000);
        b.Property(x => x.Signature).HasMaxLength(200);
        b.HasOne<SealKey>().WithMany().HasForeignKey(x => x.SealKeyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.IssuerOrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.Number).IsUnique();
        // Verification by uploaded file looks the certificate up by the file's hash.
        b.HasIndex(x => x.PdfSha256);
        // The orphan-file sweep asks which stored keys a row still names.
        b.HasIndex(x => x.PdfKey);
        b.HasIndex(x => x.CaseId);
        b.HasIndex(x => x.HolderAccountId);
    }
}
