using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Jobs;
using OneSeal.Platform.Database;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Platform;

/// <summary>
/// Job leases (one instance runs each periodic job): the instance name fits its column, a held lease is not taken by
/// another instance until it expires, and a leased job really starts in a running app.
/// </summary>
public abstract class JobLeaseTests(OneSealFactory app) : ApiTestBase(app)
{
    private static OneSealFactoryOptions WithJobs => new() { Settings = new Dictionary<string, string?> { ["Catalog:ActivationSeconds"] = "300" } };

    public sealed class SqliteWithJobs() : OneSealFactory(DatabaseProvider.Sqlite, WithJobs);

    public sealed class PostgresWithJobs() : OneSealFactory(DatabaseProvider.Postgres, WithJobs);

    [Fact]
    public void The_instance_name_names_the_machine_and_fits_its_column()
    {
        JobLeases.Instance.Length.ShouldBeInRange(1, 128);
        JobLeases.Instance.ShouldContain(Environment.ProcessId.ToString());
    }

    [Fact]
    public async Task A_lease_held_by_another_instance_is_taken_only_after_it_expires()
    {
        var name = Unique("lease-");
        var now = DateTimeOffset.UtcNow;
        await InDb(db =>
        {
            db.Add(new JobLease { Name = name, Holder = "other-instance", LeaseUntil = now.AddMinutes(1) });
            return db.SaveChangesAsync();
        });

        (await InDb(db => db.TryClaimAsync(name, now, now.AddMinutes(3), CancellationToken.None))).ShouldBeFalse();
        (await InDb(db => db.TryClaimAsync(name, now.AddMinutes(2), now.AddMinutes(5), CancellationToken.None))).ShouldBeTrue();
        (await InDb(db => db.TryClaimAsync(name, now.AddMinutes(2), now.AddMinutes(5), CancellationToken.None))).ShouldBeTrue("renewing our own lease");
        (await InDb(db => db.Set<JobLease>().Where(l => l.Name == name).Select(l => l.Holder).SingleAsync())).ShouldBe(JobLeases.Instance);
    }

    [Fact]
    public async Task The_catalog_activation_job_claims_its_lease_when_the_app_starts()
    {
        // The fixtures turn Catalog:ActivationSeconds on (other tests have it off), so the job runs at start like in production.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await InDb(db => db.Set<JobLease>().AnyAsync(l => l.Name == "catalog-activation")) && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        (await InDb(db => db.Set<JobLease>().AnyAsync(l => l.Name == "catalog-activation"))).ShouldBeTrue();
    }
}

[Trait("Provider", "Sqlite")]
public sealed class JobLeaseTests_Sqlite(JobLeaseTests.SqliteWithJobs app) : JobLeaseTests(app), IClassFixture<JobLeaseTests.SqliteWithJobs>;

[Trait("Provider", "Postgres")]
public sealed class JobLeaseTests_Postgres(JobLeaseTests.PostgresWithJobs app) : JobLeaseTests(app), IClassFixture<JobLeaseTests.PostgresWithJobs>;
