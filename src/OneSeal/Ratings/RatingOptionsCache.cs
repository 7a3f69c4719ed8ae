using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Database;

namespace OneSeal.Ratings;

/// <summary>
/// The indicators and tags of each indicator-set version, read once per instance: a version's rows never change (a new
/// set is a new version), and the rating device asks for them every few seconds while it waits for a visitor.
/// </summary>
public sealed class RatingOptionsCache
{
    private readonly ConcurrentDictionary<(string Version, string Kind), IReadOnlyList<RatingOption>> _options = new();

    public async Task<IReadOnlyList<RatingOption>> OfAsync(OneSealDb db, string version, string kind, CancellationToken ct)
    {
        if (_options.TryGetValue((version, kind), out var known)) return known;
        var read = await db.Set<RatingIndicator>().AsNoTracking().Where(i => i.SetVersion == version && i.Kind == kind).OrderBy(i => i.SortOrder)
            .Select(i => new RatingOption(i.Code, i.Name)).ToListAsync(ct);
        // An empty read is not kept: a set seeded after this instance started is found on the next ask.
        if (read.Count > 0) _options[(version, kind)] = read;
        return read;
    }
}
