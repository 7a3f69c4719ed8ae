using OneSeal.Platform.Jobs;

namespace OneSeal.Platform.Storage;

/// <summary>A capability's stored documents: the folder they live in, and which keys its rows still refer to.</summary>
public interface IStoredFileOwner
{
    string Folder { get; }

    Task<IReadOnlySet<string>> ReferencedAsync(IReadOnlyCollection<string> keys, CancellationToken ct);
}

/// <summary>
/// Deletes files in the owners' folders that no row refers to: a rendering whose transaction never committed (a crash,
/// a lost race between two runs) leaves its PDF behind. Only files older than <c>Storage:OrphanMinAgeMinutes</c>
/// (default 60) go, so a file saved a moment before its row commits is never taken for an orphan.
/// </summary>
public sealed class OrphanFileSweep(IFileStore files, IEnumerable<IStoredFileOwner> owners, IConfiguration config,
    ILogger<OrphanFileSweep> log)
{
    private const int Chunk = 500;

    public TimeSpan MinAge => TimeSpan.FromMinutes(config.GetValue("Storage:OrphanMinAgeMinutes", 60.0));

    /// <summary>One pass over every owner's folder; returns the keys deleted.</summary>
    public async Task<IReadOnlyList<string>> RunOnceAsync(CancellationToken ct)
    {
        // File times come from the machine's wall clock, not the business clock (which tests move), so compare with it.
        var before = DateTimeOffset.UtcNow - MinAge;
        var deleted = new List<string>();
        foreach (var owner in owners)
        {
            var old = files.List(owner.Folder).Where(f => f.WrittenAt < before).Select(f => f.Key).ToList();
            foreach (var chunk in old.Chunk(Chunk))
            {
                var referenced = await owner.ReferencedAsync(chunk, ct);
                foreach (var key in chunk.Where(k => !referenced.Contains(k)))
                {
                    files.Delete(key);
                    deleted.Add(key);
                }
            }
        }
        if (deleted.Count > 0) log.LogWarning("Deleted {Count} stored files no row refers to: {Keys}", deleted.Count, string.Join(", ", deleted.Take(20)));
        return deleted;
    }
}

/// <summary>Runs <see cref="OrphanFileSweep"/> at start and every <c>Storage:OrphanSweepSeconds</c> (default 3600), on one instance.</summary>
public sealed class OrphanFileSweepService(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration config, ILogger<OrphanFileSweepService> log)
    : LeasedJobService(scopes, clock, config, log)
{
    protected override string LeaseName => "orphan-files";
    protected override string IntervalSetting => "Storage:OrphanSweepSeconds";
    protected override int DefaultSeconds => 3600;

    protected override Task RunAsync(IServiceProvider services, DateTimeOffset now, CancellationToken ct) =>
        services.GetRequiredService<OrphanFileSweep>().RunOnceAsync(ct);
}
