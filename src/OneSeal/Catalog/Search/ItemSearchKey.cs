using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneSeal.Catalog.Search;

/// <summary>
/// The search keys of one item (<see cref="SearchKeys.Build"/>), kept beside it and rebuilt whenever its name or
/// code changes (<see cref="ItemSearchIndex"/>). The small integer id keeps the many term rows narrow.
/// </summary>
public sealed class ItemSearchKey
{
    public int Id { get; set; }
    public Guid ItemId { get; set; }
    /// <summary>Normalised name, for ranking and for checking queries longer than the indexed suffixes.</summary>
    public required string Name { get; set; }
    /// <summary>Normalised code.</summary>
    public required string Code { get; set; }
    /// <summary>Pinyin initials: "spjyxkxb".</summary>
    public required string Initials { get; set; }
    /// <summary>Full pinyin: "shipinjingyingxukexinban".</summary>
    public required string Pinyin { get; set; }
    public List<ItemSearchTerm> Terms { get; set; } = [];
}

/// <summary>One index term of an item: a tag byte and a UTF-8 suffix of one of its keys (<see cref="SearchKeys"/>).</summary>
public sealed class ItemSearchTerm
{
    public required byte[] Term { get; set; }
    public int KeyId { get; set; }
}

internal sealed class ItemSearchKeyConfiguration : IEntityTypeConfiguration<ItemSearchKey>
{
    public void Configure(EntityTypeBuilder<ItemSearchKey> b)
    {
        b.ToTable("item_search_keys");
        b.HasIndex(x => x.ItemId).IsUnique();
        b.HasOne<Item>().WithOne().HasForeignKey<ItemSearchKey>(x => x.ItemId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Terms).WithOne().HasForeignKey(x => x.KeyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ItemSearchTermConfiguration : IEntityTypeConfiguration<ItemSearchTerm>
{
    public void Configure(EntityTypeBuilder<ItemSearchTerm> b)
    {
        b.ToTable("item_search_terms");
        // The primary key's index, led by the term, answers the range scans; key_id gets its own index (cascade deletes).
        b.HasKey(x => new { x.Term, x.KeyId });
    }
}
