using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneSeal.Platform.Audit;

/// <summary>One verification of the audit trail (command line or the auditor page), kept so auditors see when it last ran and what it found.</summary>
public sealed class AuditVerificationRun
{
    public const string FromCommandLine = "cli";
    public const string FromPage = "page";
    public const string FromApi = "api";

    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>Where it ran: <see cref="FromCommandLine"/>, <see cref="FromPage"/> or <see cref="FromApi"/>.</summary>
    public required string Source { get; set; }
    public required string ActorName { get; set; }
    public bool Intact { get; set; }
    public long Entries { get; set; }
    public long Anchors { get; set; }
    public long? FirstBrokenId { get; set; }
    public string? Problem { get; set; }
    public string? ProblemZh { get; set; }
    public long ElapsedMs { get; set; }
}

internal sealed class AuditVerificationRunConfiguration : IEntityTypeConfiguration<AuditVerificationRun>
{
    public void Configure(EntityTypeBuilder<AuditVerificationRun> b)
    {
        b.ToTable("audit_verifications");
        b.Property(x => x.Source).HasMaxLength(16);
        b.Property(x => x.ActorName).HasMaxLength(64);
        b.Property(x => x.Problem).HasMaxLength(4000);
        b.Property(x => x.ProblemZh).HasMaxLength(4000);
        b.HasIndex(x => x.At);
    }
}
