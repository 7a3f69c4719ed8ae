using Microsoft.Extensions.Caching.Memory;

namespace OneSeal.Catalog.Guides;

/// <summary>
/// The loaded content of published item versions, by version id. Safe because a published version's content never
/// changes (docs/decisions/0007-item-versions.md); only its status moves on, and nothing cached here says which version
/// is in force (that is looked up per request). Its own bounded cache, so no other cache's size rules apply to it.
/// </summary>
public sealed class GuideCache : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 2000 });

    public async Task<CatalogQueries.ItemGuide> GetOrLoadAsync(Guid versionId, Func<Task<CatalogQueries.ItemGuide>> load)
    {
        if (_cache.TryGetValue(versionId, out CatalogQueries.ItemGuide? hit) && hit is not null) return hit;
        // Two requests missing at once both load; the same content either way, so no lock.
        var guide = await load();
        _cache.Set(versionId, guide, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromHours(6) });
        return guide;
    }

    public void Dispose() => _cache.Dispose();
}
