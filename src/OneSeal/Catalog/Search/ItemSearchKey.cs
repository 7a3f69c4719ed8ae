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
    /// <summary>This version is the one in force: only it has terms (the public search finds only those).</summary>
    public bool InForce { get; set; }
    public List<ItemSearchTerm> Terms { get; set; } = [];
}

/// <summary>
/// One index term of the version in force of an item: a tag byte and a UTF-8 suffix of one of its keys (<see cref="SearchKeys"/>),
/// with the item's code beside it, so a search counts and orders its matches from the index alone.
/// </summary>
public sealed class ItemSearchTerm
{
    public required byte[] Term { get; set; }
    /// <summary>The item's code (<see cref="Item.Code"/>), the order of matches of the same rank.</summary>
    public required string Code { get; set; }
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
        // The primary key's index answers a search alone: range scans on the term, the code to order by, the key to group by.
        // key_id gets its own index (re-indexing, cascade deletes).
        b.HasKey(x => new { x.Term, x.Code, x.KeyId });
        b.Property(x => x.Code).HasMaxLength(64);
    }
}
