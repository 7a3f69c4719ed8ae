using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneSeal.Organisation;

namespace OneSeal.Hall;

public enum WindowKind
{
    /// <summary>综合受理: takes every item of its themes (无差别 / 分领域综合受理).</summary>
    Comprehensive,
    /// <summary>部门窗口: a line department's window for the items not transferred to the bureau.</summary>
    Department,
    /// <summary>综合出件: hands out results.</summary>
    Result,
    /// <summary>收费: the central fee window.</summary>
    Fee,
    /// <summary>咨询导办: answers questions and guides applicants.</summary>
    Enquiry,
}

/// <summary>
/// A window (窗口) of a hall. The A post (A岗) is the person who staffs it; the B post (B岗) stands in when the A post
/// is away, so a window is never left unattended. Closed windows stay, as cases name the window that took them.
/// </summary>
public sealed class Window
{
    public Guid Id { get; set; }
    /// <summary>The number on the screen and above the counter, e.g. A01; unique among the hall's open windows.</summary>
    public required string Number { get; set; }
    public required string Name { get; set; }
    /// <summary>The hall (an organisation of kind Hall) the window stands in.</summary>
    public Guid HallId { get; set; }
    /// <summary>The area of the hall (综合受理区, 部门专区 …).</summary>
    public string? Zone { get; set; }
    public WindowKind Kind { get; set; }
    /// <summary>Department windows: the department whose not-transferred items it takes.</summary>
    public Guid? DepartmentId { get; set; }
    public Guid? APostId { get; set; }
    public Guid? BPostId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    /// <summary>Comprehensive windows: the themes (<see cref="HallTheme"/> codes) they take.</summary>
    public List<WindowTheme> Themes { get; set; } = [];
}

public sealed class WindowTheme
{
    public Guid WindowId { get; set; }
    public required string ThemeCode { get; set; }
}

internal sealed class WindowConfiguration : IEntityTypeConfiguration<Window>
{
    public void Configure(EntityTypeBuilder<Window> b)
    {
        b.ToTable("windows");
        b.Property(x => x.Number).HasMaxLength(8);
        b.Property(x => x.Name).HasMaxLength(64);
        b.Property(x => x.Zone).HasMaxLength(64);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.HallId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.APostId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.BPostId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Themes).WithOne().HasForeignKey(x => x.WindowId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.HallId, x.Number });
    }
}

internal sealed class WindowThemeConfiguration : IEntityTypeConfiguration<WindowTheme>
{
    public void Configure(EntityTypeBuilder<WindowTheme> b)
    {
        b.ToTable("window_themes");
        b.HasKey(x => new { x.WindowId, x.ThemeCode });
        b.Property(x => x.ThemeCode).HasMaxLength(32);
        b.HasOne<HallTheme>().WithMany().HasForeignKey(x => x.ThemeCode).OnDelete(DeleteBehavior.Restrict);
    }
}
