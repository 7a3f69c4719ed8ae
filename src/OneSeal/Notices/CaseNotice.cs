using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneSeal.Organisation;
using OneSeal.Seal;

namespace OneSeal.Notices;

/// <summary>
/// A written notice of a case (法律文书): numbered and recorded in the unit of work of the act it documents, then
/// rendered to PDF, stored and SM2-signed under the issuer's seal by the outbox (<see cref="NoticeRenderHandler"/>).
/// </summary>
public sealed class CaseNotice
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public required string CaseNumber { get; set; }
    public NoticeKind Kind { get; set; }
    /// <summary>文号, e.g. 青审受字〔2026〕第000012号; unique.</summary>
    public required string Number { get; set; }
    public required string Title { get; set; }
    /// <summary>The applicant the notice is addressed to, as printed.</summary>
    public required string Addressee { get; set; }
    /// <summary>What the public verification page shows: a citizen's name masked (张*), an enterprise's in full.</summary>
    public required string AddresseePublic { get; set; }
    public required string ItemName { get; set; }
    /// <summary>The values printed, in order: JSON array of <c>{"key","value"}</c>; identity numbers already masked.</summary>
    public required string FieldsJson { get; set; }
    /// <summary>The instant of the act the notice records; its date in Asia/Shanghai is the date printed beside the seal.</summary>
    public DateTimeOffset IssuedAt { get; set; }
    public Guid IssuerOrganisationId { get; set; }
    public required string IssuerName { get; set; }
    public NoticeStatus Status { get; set; }
    public string? PdfKey { get; set; }
    /// <summary>SHA-256 of the PDF as issued, lowercase hex.</summary>
    public string? PdfSha256 { get; set; }
    /// <summary>The exact UTF-8 text that was signed (<see cref="NoticePayload"/>), including <see cref="PdfSha256"/>.</summary>
    public string? SignedPayload { get; set; }
    /// <summary>SM2-with-SM3 signature over <see cref="SignedPayload"/>, base64 of DER (r, s).</summary>
    public string? Signature { get; set; }
    public Guid? SealKeyId { get; set; }
    /// <summary>Whose act the notice records (null for the system's); the seal's usage log names them.</summary>
    public Guid? DecidedById { get; set; }
    /// <summary>When the PDF was produced and signed.</summary>
    public DateTimeOffset? SignedAt { get; set; }
    public string? FailureReason { get; set; }
}

internal sealed class CaseNoticeConfiguration : IEntityTypeConfiguration<CaseNotice>
{
    public const int MaxNumberLength = 64;

    public void Configure(EntityTypeBuilder<CaseNotice> b)
    {
        b.ToTable("case_notices");
        b.Property(x => x.CaseNumber).HasMaxLength(64);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.Number).HasMaxLength(MaxNumberLength);
        b.Property(x => x.Title).HasMaxLength(64);
        b.Property(x => x.Addressee).HasMaxLength(200);
        b.Property(x => x.AddresseePublic).HasMaxLength(200);
        b.Property(x => x.ItemName).HasMaxLength(200);
        b.Property(x => x.IssuerName).HasMaxLength(128);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.PdfKey).HasMaxLength(256);
        b.Property(x => x.PdfSha256).HasMaxLength(64);
        b.Property(x => x.Signature).HasMaxLength(200);
        b.Property(x => x.FailureReason).HasMaxLength(2000);
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.IssuerOrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<SealKey>().WithMany().HasForeignKey(x => x.SealKeyId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.Number).IsUnique();
        b.HasIndex(x => new { x.CaseId, x.IssuedAt });
        // Verification by uploaded file looks the notice up by the file's hash.
        b.HasIndex(x => x.PdfSha256);
        // The orphan-file sweep asks which stored keys a row still names.
        b.HasIndex(x => x.PdfKey);
    }
}
