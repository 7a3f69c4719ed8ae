using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Time;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Platform;

/// <summary>
/// Two app instances are two sets of connections to one database: here two groups of writers, each unit of work on
/// its own context, append at once to one shared stream and to streams of their own, while an anchor job runs
/// alongside. No stream may fork or lose a position, and the trail must verify intact.
/// </summary>
public abstract class AuditChainConcurrencyTests(DatabaseProvider provider)
{
    private const int UnitsPerInstance = 25;

    [Fact]
    public async Task Two_instances_appending_at_once_never_fork_a_stream()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var keysFolder = Directory.CreateTempSubdirectory("oneseal-audit-keys-").FullName;
        var keys = new AuditKeys(keysFolder);
        using var stop = new CancellationTokenSource();

        var anchoring = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await using var db = database.NewContext();
                await AuditAnchoring.AnchorAsync(db, keys, TimeProvider.System.Now(), CancellationToken.None);
            }
        });
        await Task.WhenAll(Enumerable.Range(0, 2).Select(instance => Task.Run(() => InstanceAsync(database, instance))));
        await stop.CancelAsync();
        await anchoring;

        await using var check = database.NewContext();
        var shared = await check.Set<AuditEntry>().Where(e => e.EntityType == "test" && e.EntityId == "shared")
            .OrderBy(e => e.StreamSeq).Select(e => e.StreamSeq).ToListAsync();
        shared.ShouldBe(Enumerable.Range(1, 2 * UnitsPerInstance).Select(i => (long?)i));
        await AuditAnchoring.AnchorAsync(check, keys, TimeProvider.System.Now(), CancellationToken.None);
        var result = await AuditTrail.VerifyAsync(check, keys, CancellationToken.None);
        TestDatabase.TryDeleteFolder(keysFolder);
        result.Intact.ShouldBeTrue(result.Problem);
        result.Entries.ShouldBe(2 * UnitsPerInstance * 3);
    }

    /// <summary>One instance's units of work, run concurrently: each writes to the shared stream and to two of its own.</summary>
    private static Task InstanceAsync(TestDatabase database, int instance) =>
        Task.WhenAll(Enumerable.Range(0, UnitsPerInstance).Select(unit => Task.Run(async () =>
        {
            await using var db = database.NewContext();
            var now = TimeProvider.System.Now();
            db.Audit(null, "test.shared", "test", "shared", $"{instance}/{unit}", now);
            db.Audit(null, "test.own", "test", $"own-{instance}-{unit}", null, now);
            db.Audit(null, "test.own", "test", $"own-{instance}-{unit % 3}-x", null, now);
            await db.CommitAsync(CancellationToken.None);
        })));
}

[Trait("Provider", "Sqlite")]
public sealed class AuditChainConcurrencyTests_Sqlite() : AuditChainConcurrencyTests(DatabaseProvider.Sqlite);

[Trait("Provider", "Postgres")]
public sealed class AuditChainConcurrencyTests_Postgres() : AuditChainConcurrencyTests(DatabaseProvider.Postgres);
