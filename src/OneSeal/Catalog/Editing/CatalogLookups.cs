using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation;
using OneSeal.Platform.Database;

namespace OneSeal.Catalog.Editing;

/// <summary>The reference data a draft names by code: agencies, themes, material types (small tables, read once per command).</summary>
public sealed record CatalogLookups(IReadOnlyDictionary<string, Agency> Agencies, IReadOnlySet<string> Themes, IReadOnlySet<string> MaterialTypes)
{
    public static async Task<CatalogLookups> LoadAsync(OneSealDb db, CancellationToken ct) => new(
        await db.Set<Agency>().AsNoTracking().ToDictionaryAsync(a => a.Code, StringComparer.Ordinal, ct),
        (await db.Set<Theme>().AsNoTracking().Select(t => t.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal),
        (await db.Set<MaterialType>().AsNoTracking().Select(t => t.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal));

    public Agency? Agency(string? code) => code is not null && Agencies.TryGetValue(code.Trim(), out var a) ? a : null;
}
