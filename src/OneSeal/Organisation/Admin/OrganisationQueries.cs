using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation.Regions;
using OneSeal.Platform.Database;
using OneSeal.Platform.Security;

namespace OneSeal.Organisation.Admin;

/// <summary>The organisation tree and the region tree as the administrator's pages and API read them.</summary>
public sealed class OrganisationQueries(OneSealDb db)
{
    /// <summary>Every organisation, closed ones included, depth-first: the top in kind order, children after their parent.</summary>
    public async Task<List<OrganisationNode>> TreeAsync(Actor actor, CancellationToken ct)
    {
        OrganisationAdmin.EnsureAdmin(actor);
        var agencies = await db.Set<Agency>().AsNoTracking().ToListAsync(ct);
        var regions = await db.Set<Region>().AsNoTracking().ToDictionaryAsync(r => r.Code, r => r.Name, ct);
        var staff = await db.Set<Account>().Where(a => a.OrganisationId != null && !a.Disabled)
            .GroupBy(a => a.OrganisationId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var ids = agencies.Select(a => a.Id).ToHashSet();
        var byParent = agencies.ToLookup(a => a.ParentId is { } p && ids.Contains(p) ? p : (Guid?)null);
        var result = new List<OrganisationNode>();
        void Walk(Guid? parent, int depth)
        {
            if (depth > 16) return;
            foreach (var a in byParent[parent].OrderBy(a => a.ClosedAt != null).ThenBy(a => a.Kind).ThenBy(a => a.Code, StringComparer.Ordinal))
            {
                var region = RegionCodes.Normalise(a.RegionCode) ?? a.RegionCode;
                result.Add(new OrganisationNode(a.Id, a.Code, a.Name, a.ShortName, a.Kind.ToString(), OrganisationLabels.Of(a.Kind), a.ParentId, depth,
                    a.Uscc, a.Phone, a.Address, region, regions.GetValueOrDefault(region), a.ClosedAt is not null, a.ClosedAt, staff.GetValueOrDefault(a.Id)));
                Walk(a.Id, depth + 1);
            }
        }
        Walk(null, 0);
        return result;
    }

    public async Task<OrganisationNode?> NodeAsync(Actor actor, Guid id, CancellationToken ct) =>
        (await TreeAsync(actor, ct)).FirstOrDefault(n => n.Id == id);

    /// <summary>Every region, depth-first under the county, by code.</summary>
    public async Task<List<RegionNode>> RegionsAsync(Actor actor, CancellationToken ct)
    {
        OrganisationAdmin.EnsureAdmin(actor);
        var regions = await db.Set<Region>().AsNoTracking().ToListAsync(ct);
        var byParent = regions.ToLookup(r => r.ParentCode);
        var result = new List<RegionNode>();
        void Walk(string? parent, int depth)
        {
            foreach (var r in byParent[parent].OrderBy(r => r.Code, StringComparer.Ordinal))
            {
                result.Add(new RegionNode(r.Code, r.Name, r.Level.ToString(), RegionCodes.Label(r.Level), r.ParentCode, depth));
                if (depth < 3) Walk(r.Code, depth + 1);
            }
        }
        Walk(null, 0);
        return result;
    }
}
