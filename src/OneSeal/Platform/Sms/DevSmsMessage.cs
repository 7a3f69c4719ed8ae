using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneSeal.Platform.Database;

namespace OneSeal.Platform.Sms;

/// <summary>
/// Demo mode only: a text message that was "sent", kept for <c>/dev/sms</c> so a tester can read the code. Holds the phone
/// and text in clear — a demo database holds no real applicant; production never writes here.
/// </summary>
public sealed class DevSmsMessage
{
    public const int MaxText = 500;

    public long Id { get; set; }
    public required string Phone { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset SentAt { get; set; }

    /// <summary>Adds the message to <paramref name="db"/>'s unit of work (a local write: no need for the outbox).</summary>
    public static void Add(OneSealDb db, string phone, string text, DateTimeOffset now) =>
        db.Add(new DevSmsMessage { Phone = phone, Text = text.Length > MaxText ? text[..MaxText] : text, SentAt = now });
}

/// <summary>The <see cref="ISmsSender"/> of demo mode: messages land in <see cref="DevSmsMessage"/>.</summary>
public sealed class DevSmsSender(OneSealDb db, TimeProvider clock) : ISmsSender
{
    public async Task SendAsync(string phone, string text, CancellationToken ct)
    {
        DevSmsMessage.Add(db, phone, text, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }
}

internal sealed class DevSmsMessageConfiguration : IEntityTypeConfiguration<DevSmsMessage>
{
    public void Configure(EntityTypeBuilder<DevSmsMessage> b)
    {
        b.ToTable("dev_sms_messages");
        b.Property(x => x.Id).ValueGeneratedOnAdd();
        b.Property(x => x.Phone).HasMaxLength(32);
        b.Property(x => x.Text).HasMaxLength(DevSmsMessage.MaxText);
        b.HasIndex(x => x.SentAt);
    }
}

/// <summary>What <c>/dev/sms</c> shows: the newest messages of the development outbox.</summary>
public sealed class DevSmsOutbox(OneSealDb db)
{
    public async Task<IReadOnlyList<DevSmsMessage>> LatestAsync(int count, CancellationToken ct) =>
        await db.Set<DevSmsMessage>().AsNoTracking().OrderByDescending(m => m.Id).Take(count).ToListAsync(ct);
}
