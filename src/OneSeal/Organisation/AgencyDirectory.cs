using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Database;

namespace OneSeal.Organisation;

/// <summary>What documents and checks need of an agency: its name as issuer, its codes.</summary>
public sealed record AgencyCard(Guid Id, string Code, string Name, OrganisationKind Kind, string? Uscc);

/// <summary>
/// Agencies by id, read once per process. Safe because agencies are reference data that only the seed writes (no page or
/// API edits them); an operator who changes the table by hand restarts the app. Every transition that issues a notice
/// or a certificate names its issuer: without this, one or two primary-key reads per transition (docs/benchmarks.md).
/// Unknown ids are not remembered, so an agency added later is found.
/// </summary>
public sealed class AgencyDirectory
{
    private readonly ConcurrentDictionary<Guid, AgencyCard> _cards = new();

    public async Task<AgencyCard?> FindAsync(OneSealDb db, Guid id, CancellationToken ct)
    {
        if (_cards.TryGetValue(id, out var hit)) return hit;
        var card = await db.Set<Agency>().AsNoTracking().Where(a => a.Id == id)
            .Select(a => new AgencyCard(a.Id, a.Code, a.Name, a.Kind, a.Uscc)).FirstOrDefaultAsync(ct);
        if (card is not null) _cards[id] = card;
        return card;
    }

    /// <summary>The agency, which must exist (a foreign key the caller holds).</summary>
    public async Task<AgencyCard> GetAsync(OneSealDb db, Guid id, CancellationToken ct) =>
        await FindAsync(db, id, ct) ?? throw new InvalidOperationException($"agency {id} does not exist");
}
