using Microsoft.EntityFrameworkCore;
using OneSeal.Catalog.Versions;
using OneSeal.Organisation;
using OneSeal.Platform.Database;

namespace OneSeal.Catalog.Guides;

/// <summary>
/// Everything a guide shows of one published version: the version with its lists, and the names it refers to (every
/// agency in one query, its themes, its material types). Runs once per version (<see cref="GuideCache"/>).
/// </summary>
internal static class GuideLoader
{
    public static async Task<CatalogQueries.ItemGuide> LoadAsync(OneSealDb db, Guid versionId, CancellationToken ct)
    {
        var item = await ItemVersions.WithLists(db.Set<Item>().AsNoTracking()).SingleAsync(i => i.Id == versionId, ct);
        var agencyIds = new List<Guid> { item.CompetentDepartmentId, item.ImplementingOrganisationId, item.SupervisingDepartmentId };
        if (item.EntrustedBodyId is { } entrusted) agencyIds.Add(entrusted);
        agencyIds.AddRange(item.JointDepartments.Select(j => j.AgencyId));
        var names = await db.Set<Agency>().AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);

        var themeCodes = item.Themes.Select(t => t.ThemeCode).ToList();
        var themes = themeCodes.Count == 0 ? [] : await db.Set<Theme>().AsNoTracking().Where(t => themeCodes.Contains(t.Code))
            .OrderBy(t => t.Audience).ThenBy(t => t.SortOrder)
            .Select(t => new CatalogQueries.ThemeRef(t.Code, t.Name, t.Audience)).ToListAsync(ct);
        var typeCodes = item.Materials.Where(m => m.MaterialTypeCode != null).Select(m => m.MaterialTypeCode!).Distinct().ToList();
        var types = typeCodes.Count == 0 ? new Dictionary<string, string>()
            : await db.Set<MaterialType>().AsNoTracking().Where(t => typeCodes.Contains(t.Code)).ToDictionaryAsync(t => t.Code, t => t.Name, ct);

        return new CatalogQueries.ItemGuide(item, names[item.CompetentDepartmentId], names[item.ImplementingOrganisationId],
            names[item.SupervisingDepartmentId], item.Materials.OrderBy(m => m.SortOrder).ToList(), item.FormFields.OrderBy(f => f.SortOrder).ToList())
        {
            EntrustedBody = item.EntrustedBodyId is { } e ? names[e] : null,
            JointDepartments = item.JointDepartments.Select(j => names[j.AgencyId]).Order(StringComparer.Ordinal).ToList(),
            Steps = item.Steps.OrderBy(s => s.SortOrder).ToList(),
            Themes = themes,
            MaterialTypes = types,
        };
    }
}
