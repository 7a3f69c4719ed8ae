using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneSeal.Organisation;

namespace OneSeal.Seal.Administration;

/// <summary>
/// 用印登记: one document sealed — what (kind, number, title, case), when, with which key, and by whose decision (the
/// person whose act the document records). Written in the same transaction as the signature.
/// </summary>
public sealed class SealUsage
{
    public const string Certificate = "certificate", Notice = "notice";

    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public Guid SealKeyId { get; set; }
    /// <summary><see cref="Certificate"/> or <see cref="Notice"/>.</summary>
    public required string DocumentKind { get; set; }
    public required string DocumentNumber { get; set; }
    public required string DocumentTitle { get; set; }
    public string? CaseNumber { get; set; }
    public Guid? DecidedById { get; set; }
    public DateTimeOffset At { get; set; }
}

internal sealed class SealUsageConfiguration : IEntityTypeConfiguration<SealUsage>
{
    public void Configure(EntityTypeBuilder<SealUsage> b)
    {
        b.ToTable("seal_usages");
        b.Property(x => x.DocumentKind).HasMaxLength(16);
        b.Property(x => x.DocumentNumber).HasMaxLength(64);
        b.Property(x => x.DocumentTitle).HasMaxLength(128);
        b.Property(x => x.CaseNumber).HasMaxLength(32);
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<SealKey>().WithMany().HasForeignKey(x => x.SealKeyId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.OrganisationId, x.At });
        b.HasIndex(x => x.SealKeyId);
    }
}

/// <summary>Where documents are signed, the usage is recorded in the signing transaction (no extra query, nothing slow).</summary>
public static class SealUsageLog
{
    public static void Record(Platform.Database.OneSealDb db, SealKeyPair seal, string kind, string number, string title,
        string? caseNumber, Guid? decidedById, DateTimeOffset at) =>
        db.Add(new SealUsage
        {
            Id = Guid.NewGuid(),
            OrganisationId = seal.Key.OrganisationId,
            SealKeyId = seal.KeyId,
            DocumentKind = kind,
            DocumentNumber = Platform.Http.TextRules.Prefix(number, 64),
            DocumentTitle = Platform.Http.TextRules.Prefix(title, 128),
            CaseNumber = caseNumber is null ? null : Platform.Http.TextRules.Prefix(caseNumber, 32),
            DecidedById = decidedById is { } id && id != Guid.Empty ? id : null,
            At = at,
        });
}
