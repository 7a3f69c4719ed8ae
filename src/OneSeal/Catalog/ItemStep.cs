using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneSeal.Catalog;

/// <summary>办理环节: the four every item has, and the special procedures some add.</summary>
public enum ItemStepKind
{
    /// <summary>受理.</summary>
    Accept,
    /// <summary>审查.</summary>
    Review,
    /// <summary>决定.</summary>
    Decide,
    /// <summary>送达.</summary>
    Deliver,
    /// <summary>现场踏勘.</summary>
    SiteInspection,
    /// <summary>专家评审.</summary>
    ExpertReview,
    /// <summary>听证.</summary>
    Hearing,
    /// <summary>检验检测.</summary>
    Testing,
    /// <summary>联合审查.</summary>
    JointReview,
}

/// <summary>
/// A step of an item's process with its share of the promised limit; a step that stops the clock (Art. 45: hearing,
/// testing, expert review ...) has no share: the time it takes is not counted.
/// </summary>
public sealed class ItemStep
{
    public Guid Id { get; set; }
    public Guid ItemId { get; set; }
    public ItemStepKind Kind { get; set; }
    /// <summary>Percent of the promised limit; the steps that do not stop the clock add up to 100.</summary>
    public int SharePercent { get; set; }
    public bool StopsClock { get; set; }
    public int SortOrder { get; set; }
}

internal sealed class ItemStepConfiguration : IEntityTypeConfiguration<ItemStep>
{
    public void Configure(EntityTypeBuilder<ItemStep> b)
    {
        b.ToTable("item_steps");
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(x => new { x.ItemId, x.SortOrder }).IsUnique();
    }
}
