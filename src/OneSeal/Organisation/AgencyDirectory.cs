using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Database;

namespace OneSeal.Organisation;

/// <summary>What documents and checks need of an agency: its name as issuer, its codes, its place in the tree.</summary>
public sealed record AgencyCard(Guid Id, string Code, string Name, OrganisationKind Kind, string? Uscc, Guid? ParentId = null, bool Closed = false,
    string RegionCode = "");

/// <summary>
/// Agencies by id, kept in memory for a few minutes. Every transition that issues a notice or a certificate names its
/// issuer: without this, one or two primary-key reads per transition (docs/benchmarks.md). The administrator's pages
/// call <see cref="Forget"/> after an edit, so this instance sees it at once; other instances within
/// <see cref="Lifetime"/>. Unknown ids are not remembered, so an agency added later is found.
/// </summary>
public sealed class AgencyDirectory(TimeProvider clock)
{
    /// <summary>How long another instance may still use an organisation's old name after a rename.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<Guid, (AgencyCard Card, DateTimeOffset Until)> _cards = new();

    public async Task<AgencyCard?> FindAsync(OneSealDb db, Guid id, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_cards.TryGetValue(id, out var hit) && hit.Until > now) return hit.Card;
        var card = await db.Set<Agency>().AsNoTracking().Where(a => a.Id == id)
            .Select(a => new AgencyCard(a.Id, a.Code, a.Name, a.Kind, a.Uscc, a.ParentId, a.ClosedAt != null, a.RegionCode)).FirstOrDefaultAsync(ct);
        if (card is not null) _cards[id] = (card, now + Lifetime);
        return card;
    }

    /// <summary>The agency, which must exist (a foreign key the caller holds).</summary>
    public async Task<AgencyCard> GetAsync(OneSealDb db, Guid id, CancellationToken ct) =>
        await FindAsync(db, id, ct) ?? throw new InvalidOperationException($"agency {id} does not exist");

    /// <summary>
    /// The organisation that approves for <paramref name="id"/>: itself when it is the bureau or a department, else the
    /// nearest such ancestor (a section's bureau). Cases are handled by approving organisations, so staff placed in a
    /// section act for it. Null when there is none (a hall, a service point outside any bureau).
    /// </summary>
    public async Task<AgencyCard?> ApprovingOrganisationAsync(OneSealDb db, Guid id, CancellationToken ct)
    {
        for (var (next, depth) = ((Guid?)id, 0); next is { } current && depth < 16; depth++)
        {
            var card = await FindAsync(db, current, ct);
            if (card is null) return null;
            if (card.Kind is OrganisationKind.Bureau or OrganisationKind.Department) return card;
            next = card.ParentId;
        }
        return null;
    }

    /// <summary>After an edit: the next read on this instance goes to the database.</summary>
    public void Forget(Guid id) => _cards.TryRemove(id, out _);
}
