using Microsoft.Extensions.DependencyInjection;
using OneSeal.Exchange.Webhooks;
using OneSeal.Platform.Database;
using OneSeal.Platform.Events;
using OneSeal.Tests.Exchange;
using OneSeal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OneSeal.Tests.Browser;

/// <summary>
/// Issue 13 §3: the system administrator subscribes a department's system at 1366×768 — a metadata address is refused
/// next to the field, the secret is shown once — then sees the delivery in the log, replays it and disables the subscription.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Provider", "Postgres")]
public sealed class SubscriptionsJourneyTests(PostgresKestrelApp app, BrowserFixture browser) : IClassFixture<PostgresKestrelApp>
{
    [Fact]
    public async Task The_system_administrator_subscribes_a_receiver_sees_its_delivery_replays_and_disables_it()
    {
        await using var receiver = new WebhookReceiver();
        await receiver.StartAsync();
        await using var users = new BrowserUsers(browser, app);
        await users.RunAsync(nameof(The_system_administrator_subscribes_a_receiver_sees_its_delivery_replays_and_disables_it), async () =>
        {
            var admin = await users.SignedInAsync("admin");
            await admin.SetViewportSizeAsync(1366, 768);
            await admin.Locator("#nav-admin-subscriptions").ClickAsync();
            await Expect(admin.Locator("h1")).ToHaveTextAsync("事件订阅");

            await admin.Locator("#new-url").FillAsync("http://169.254.169.254/latest/meta-data/");
            await admin.Locator("#create-subscription").ClickAsync();
            await Expect(admin.Locator("#new-url-error")).ToContainTextAsync("元数据");

            var item = "B" + Guid.NewGuid().ToString("N")[..10];
            await admin.Locator("#new-url").FillAsync(receiver.Url);
            await admin.Locator("#type-case-accepted").CheckAsync();
            await admin.Locator("#new-itemCode").FillAsync(item);
            await admin.Locator("#create-subscription").ClickAsync();
            await Expect(admin.Locator("#subscription-created")).ToBeVisibleAsync();
            (await admin.Locator("#created-secret").InputValueAsync()).ShouldStartWith("whsec_");

            await app.InDb(db => db.InTransactionAsync(async () =>
            {
                EventLog.Record(db, EventTypes.CaseAccepted, "SP" + item, new { item }, DateTimeOffset.UtcNow, itemCode: item);
                await db.CommitAsync(default);
            }, default));
            await using (var scope = app.Services.CreateAsyncScope())
                await scope.ServiceProvider.GetRequiredService<WebhookDispatcher>().RunOnceAsync(DateTimeOffset.UtcNow, default);
            receiver.Received.Count.ShouldBe(1);

            var row = admin.Locator("#subscriptions tr", new() { HasText = receiver.Url });
            await row.Locator("a.deliveries-link").ClickAsync();
            await Expect(admin.Locator("#delivery-log tr[data-status='delivered']")).ToHaveCountAsync(1);
            await Expect(admin.Locator("#delivery-log")).ToContainTextAsync("办件受理");
            await admin.Locator("#delivery-log button.replay").ClickAsync();
            await Expect(admin.Locator("#notice")).ToContainTextAsync("已安排重新投递");
            await Expect(admin.Locator("#delivery-log tr[data-status='pending']")).ToHaveCountAsync(1);

            await admin.Locator("#subscriptions tr", new() { HasText = receiver.Url }).Locator("button.disable").ClickAsync();
            await Expect(admin.Locator("#notice")).ToContainTextAsync("订阅已停用");
            await Expect(admin.Locator("#subscriptions tr", new() { HasText = receiver.Url })).ToHaveAttributeAsync("data-status", "disabled");
        });
    }
}
