using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneSeal.Exchange.Webhooks;
using OneSeal.Platform.Database;
using OneSeal.Platform.Events;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Exchange;

/// <summary>
/// Two app instances on one PostgreSQL database sharing one Data Protection key ring, as a real deployment must (the
/// subscription secrets and the seal key are encrypted with it).
/// </summary>
public sealed class TwoWebhookInstances : IAsyncLifetime
{
    public OneSealFactory First { get; } = new(DatabaseProvider.Postgres);
    public OneSealFactory Second { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await First.InitializeAsync();
        Second = new OneSealFactory(DatabaseProvider.Postgres, new OneSealFactoryOptions
        {
            SameDatabaseAs = First,
            Settings = new Dictionary<string, string?> { ["DataProtection:KeysPath"] = Path.Combine(First.DataRoot, "keys") },
        });
        await Second.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Second.DisposeAsync();
        await First.DisposeAsync();
    }
}

/// <summary>Issue 13 reliability: two app instances on one PostgreSQL database run the webhook job at the same time; each event is sent once.</summary>
[Trait("Provider", "Postgres")]
public sealed class WebhookInstancesTests(TwoWebhookInstances apps) : IClassFixture<TwoWebhookInstances>
{
    [Fact]
    public async Task Two_instances_running_the_job_together_deliver_each_event_exactly_once_in_order_per_subject()
    {
        await using var receiver = new WebhookReceiver();
        await receiver.StartAsync();
        var item = "item" + Guid.NewGuid().ToString("N")[..10];
        using var admin = await apps.First.ClientFor("admin");
        using var response = await admin.PostAsJsonAsync("/api/v1/subscriptions", new { url = receiver.Url, filters = new { itemCode = item } });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var sub = (await response.Content.ReadFromJsonAsync<SubscriptionCreated>())!;

        var now = DateTimeOffset.UtcNow;
        var subjects = Enumerable.Range(0, 5).Select(i => $"S{i}-{Guid.NewGuid():N}"[..20]).ToArray();
        var events = new List<EventRecord>();
        await using (var scope = apps.First.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OneSealDb>();
            for (var round = 0; round < 6; round++)
                foreach (var subject in subjects)
                    events.Add(await db.InTransactionAsync(async () =>
                    {
                        var e = EventLog.Record(db, EventTypes.CaseAccepted, subject, new { round }, now, itemCode: item);
                        await db.CommitAsync(default);
                        return e;
                    }, default));
        }

        for (var i = 0; i < 40 && receiver.Deduplicated.Count < events.Count; i++)
        {
            now = now.AddSeconds(1);
            await Task.WhenAll(RunAsync(apps.First, now), RunAsync(apps.Second, now), RunAsync(apps.First, now), RunAsync(apps.Second, now));
        }

        receiver.Received.Count.ShouldBe(events.Count, "each event sent once, by one of the instances");
        receiver.Received.Select(r => r.Id).OrderBy(x => x).ShouldBe(events.Select(e => e.Id.ToString()).OrderBy(x => x));
        foreach (var subject in subjects)
            receiver.Received.Where(r => events.Single(e => e.Id.ToString() == r.Id).Subject == subject).Select(r => r.Id)
                .ShouldBe(events.Where(e => e.Subject == subject).OrderBy(e => e.Seq).Select(e => e.Id.ToString()));
        var rows = await apps.First.InDb(db => db.Set<WebhookDelivery>().AsNoTracking().Where(d => d.SubscriptionId == sub.Id).ToListAsync());
        rows.Count.ShouldBe(events.Count, "one delivery per event although both instances matched");
        rows.ShouldAllBe(d => d.Status == DeliveryStatus.Delivered && d.Attempts == 1);
    }

    private static async Task RunAsync(OneSealFactory app, DateTimeOffset now)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<WebhookDispatcher>().RunOnceAsync(now, default);
    }
}
