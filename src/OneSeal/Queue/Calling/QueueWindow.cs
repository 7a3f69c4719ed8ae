using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneSeal.Hall;

namespace OneSeal.Queue.Calling;

/// <summary>
/// A window's calling state: paused (暂停叫号: the window takes no next ticket), and how many appointment / 绿色通道
/// tickets it called in a row while normal tickets waited (the priority rule's counter). Its row is also the lock that
/// serialises two clicks at the same window.
/// </summary>
public sealed class QueueWindow
{
    public Guid WindowId { get; set; }
    public bool Paused { get; set; }
    public DateTimeOffset? PausedAt { get; set; }
    public int PriorityRun { get; set; }
}

internal sealed class QueueWindowConfiguration : IEntityTypeConfiguration<QueueWindow>
{
    public void Configure(EntityTypeBuilder<QueueWindow> b)
    {
        b.ToTable("queue_windows");
        b.HasKey(x => x.WindowId);
        b.HasOne<Window>().WithMany().HasForeignKey(x => x.WindowId).OnDelete(DeleteBehavior.Cascade);
    }
}
