using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Time;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Platform;

/// <summary>
/// Defect 18, the upgrade: anchors written before anchors were signed are signed once, by the first start that finds no
/// key; after that a restart never signs an anchor, so one forged into the database without the key stays a break.
/// </summary>
public abstract class AuditAnchorSigningTests(DatabaseProvider provider)
{
    [Fact]
    public async Task Defect18_anchors_from_before_the_upgrade_are_signed_once_and_a_later_unsigned_anchor_stays_a_break()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var keysFolder = Directory.CreateTempSubdirectory("oneseal-audit-keys-").FullName;
        try
        {
            var keys = new AuditKeys(keysFolder);
            await AppendAndAnchorAsync(database, keys, "before-upgrade");
            await UnsignAllAsync(database);   // as migration 0016 finds them

            var fresh = new AuditKeys(Path.Combine(keysFolder, "fresh"));
            await using (var db = database.NewContext()) await AuditAnchoring.SignExistingAsync(db, fresh, CancellationToken.None);
            await using (var db = database.NewContext())
                (await AuditTrail.VerifyAsync(db, fresh, CancellationToken.None)).Intact.ShouldBeTrue("the first start signs what was there");

            await AppendAndAnchorAsync(database, fresh, "after-upgrade");
            await UnsignAllAsync(database, onlyLast: true);   // a forger who cannot sign
            await using (var db = database.NewContext()) await AuditAnchoring.SignExistingAsync(db, fresh, CancellationToken.None);
            await using (var db = database.NewContext())
            {
                var result = await AuditTrail.VerifyAsync(db, fresh, CancellationToken.None);
                result.Intact.ShouldBeFalse("a restart does not bless an unsigned anchor");
                result.Problem.ShouldNotBeNull().ShouldContain("is not signed");
            }
        }
        finally
        {
            TestDatabase.TryDeleteFolder(keysFolder);
        }
    }

    private static async Task AppendAndAnchorAsync(TestDatabase database, AuditKeys keys, string entity)
    {
        await using var db = database.NewContext();
        db.Audit(null, "test.write", "test", entity, null, TimeProvider.System.Now());
        await db.CommitAsync(CancellationToken.None);
        (await AuditAnchoring.AnchorAsync(db, keys, TimeProvider.System.Now(), CancellationToken.None)).ShouldBe(1);
    }

    private static async Task UnsignAllAsync(TestDatabase database, bool onlyLast = false)
    {
        await using var db = database.NewContext();
        var last = await db.Set<AuditAnchor>().MaxAsync(a => a.Id);
        await db.Database.ExecuteSqlAsync($"UPDATE audit_anchors SET key_id = NULL, signature = NULL WHERE id >= {(onlyLast ? last : 0)}");
    }
}

[Trait("Provider", "Sqlite")]
public sealed class AuditAnchorSigningTests_Sqlite() : AuditAnchorSigningTests(DatabaseProvider.Sqlite);

[Trait("Provider", "Postgres")]
public sealed class AuditAnchorSigningTests_Postgres() : AuditAnchorSigningTests(DatabaseProvider.Postgres);
