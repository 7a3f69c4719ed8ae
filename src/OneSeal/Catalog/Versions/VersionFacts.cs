using Microsoft.Extensions.Caching.Memory;
using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Database;

namespace OneSeal.Catalog.Versions;

/// <summary>
/// What a case's commands read of the item version it was filed under: the result it issues, the holder mapping
/// (which form fields name the 持证主体), the form fields printed on the certificate.
/// </summary>
public sealed record VersionFacts(
    Guid Id, string Code, string Name, ItemKind Kind, string ResultName, string ResultTypeCode, int? ResultValidityYears,
    Guid SupervisingDepartmentId, string? HolderNameField, string? HolderCodeField, string? HolderCodeType,
    IReadOnlyList<VersionFormField> FormFields);

public sealed record VersionFormField(string Key, string Label, FormFieldType Type, int SortOrder);

/// <summary>
/// <see cref="VersionFacts"/> by version id, kept once a version is published: its content never changes after that
/// (docs/decisions/0007-item-versions.md), only its status, which is not among the facts. A draft or a version in
/// review is read every time. Saves one or two item reads in every transition that issues a notice or a certificate
/// (docs/benchmarks.md). Its own bounded cache, like <see cref="Guides.GuideCache"/>.
/// </summary>
public sealed class VersionFactsCache : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 5000 });

    public async Task<VersionFacts> GetAsync(OneSealDb db, Guid versionId, CancellationToken ct)
    {
        if (_cache.TryGetValue(versionId, out VersionFacts? hit) && hit is not null) return hit;
        var item = await db.Set<Item>().AsNoTracking().Include(i => i.FormFields).FirstAsync(i => i.Id == versionId, ct);
        var facts = new VersionFacts(item.Id, item.Code, item.Name, item.Kind, item.ResultName, item.ResultTypeCode, item.ResultValidityYears,
            item.SupervisingDepartmentId, item.HolderNameField, item.HolderCodeField, item.HolderCodeType,
            [.. item.FormFields.OrderBy(f => f.SortOrder).Select(f => new VersionFormField(f.Key, f.Label, f.Type, f.SortOrder))]);
        // Two commands missing at once both load; the same facts either way, so no lock.
        if (item.Status is ItemVersionStatus.Published or ItemVersionStatus.Superseded)
            _cache.Set(versionId, facts, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromHours(6) });
        return facts;
    }

    public void Dispose() => _cache.Dispose();
}
