using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneSeal.Catalog;

/// <summary>How a form value is checked.</summary>
/// <summary>
/// The kind of a form field. CitizenId, Uscc, Phone and Address (a person's home address) are personal data: a case keeps
/// their values encrypted at rest (Cases/Forms/CaseForm.cs, docs/decisions/0008-personal-data-at-rest.md).
/// </summary>
public enum FormFieldType { Text, CitizenId, Uscc, Phone, Date, Number, Address }

/// <summary>A field of an item's application form (申请表).</summary>
public sealed class ItemFormField
{
    public Guid Id { get; set; }
    public Guid ItemId { get; set; }
    public required string Key { get; set; }
    public required string Label { get; set; }
    public FormFieldType Type { get; set; }
    public bool Required { get; set; }
    public int SortOrder { get; set; }
}

internal sealed class ItemFormFieldConfiguration : IEntityTypeConfiguration<ItemFormField>
{
    public void Configure(EntityTypeBuilder<ItemFormField> b)
    {
        b.ToTable("item_form_fields");
        b.Property(x => x.Key).HasMaxLength(64);
        b.Property(x => x.Label).HasMaxLength(128);
        b.Property(x => x.Type).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(x => new { x.ItemId, x.Key }).IsUnique();
    }
}
