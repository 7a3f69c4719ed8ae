using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneSeal.Exchange.Webhooks;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Events;
using OneSeal.Seal;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Exchange;

/// <summary>Issue 13 §3: subscriptions and webhooks — Standard Webhooks signatures, retries, order per subject, 410, SSRF, roles.</summary>
public abstract class WebhookTests(OneSealFactory app) : CaseApiTestBase(app)
{
    /// <summary>The test's clock: the job runs at the instants a test chooses (the host's own job is off).</summary>
    private DateTimeOffset _now = DateTimeOffset.UtcNow;

    private async Task<WebhookDispatcher.Run> RunJobAsync(OneSealFactory? on = null)
    {
        await using var scope = (on ?? App).Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WebhookDispatcher>().RunOnceAsync(_now, default);
    }

    private Task<EventRecord> RecordAsync(string type, string subject, string itemCode, string? action = null) => InDb(db => db.InTransactionAsync(async () =>
    {
        var e = EventLog.Record(db, type, subject, new { caseNumber = subject, itemCode }, _now, itemCode: itemCode, action: action);
        await db.CommitAsync(default);
        return e;
    }, default));

    private async Task<SubscriptionCreated> SubscribeAsync(string url, string itemCode, params string[] types)
    {
        var admin = await As("admin");
        using var response = await admin.PostAsJsonAsync("/api/v1/subscriptions", new { url, eventTypes = types, filters = new { itemCode } });
        await ShouldBeAsync(response, HttpStatusCode.Created);
        var created = (await response.Content.ReadFromJsonAsync<SubscriptionCreated>())!;
        created.Secret.ShouldStartWith("whsec_");
        Convert.FromBase64String(created.Secret["whsec_".Length..]).Length.ShouldBeGreaterThanOrEqualTo(24);
        return created;
    }

    private Task<List<WebhookDelivery>> DeliveriesAsync(Guid subscription) =>
        InDb(db => db.Set<WebhookDelivery>().AsNoTracking().Where(d => d.SubscriptionId == subscription).OrderBy(d => d.EventSeq).ToListAsync());

    /// <summary>Checks a received request as the receiving system would: HMAC per Standard Webhooks, then the bureau's SM2 signature.</summary>
    private async Task ShouldBeGenuineAsync(ReceivedWebhook r, string secret)
    {
        new StandardWebhooksVerifier(secret).Problem(r.Id, r.Timestamp, r.Signature, r.Body, _now).ShouldBeNull(r.Body);
        r.ContentType.ShouldStartWith("application/cloudevents+json");
        using var envelope = JsonDocument.Parse(r.Body);
        envelope.RootElement.GetProperty("id").GetString().ShouldBe(r.Id);
        envelope.RootElement.GetProperty("specversion").GetString().ShouldBe("1.0");
        r.Sm2Signature.ShouldStartWith("v1,");
        var key = await InDb(db => SealKeyStore.PublicKeyAsync(db, Guid.Parse(r.Sm2KeyId!), default));
        var publicKey = key.ShouldNotBeNull();
        var sm2 = Convert.FromBase64String(r.Sm2Signature!["v1,".Length..]);
        Sm2Signature.Verify(publicKey, Encoding.UTF8.GetBytes($"{r.Id}.{r.Timestamp}.{r.Body}"), sm2).ShouldBeTrue();
        Sm2Signature.Verify(publicKey, Encoding.UTF8.GetBytes($"{r.Id}.{r.Timestamp}.{r.Body}x"), sm2).ShouldBeFalse();
    }

    [Fact]
    public async Task Receiver_down_ten_minutes_then_back_gets_every_event_once_in_order_per_subject_with_valid_signatures()
    {
        await using var receiver = new WebhookReceiver();
        var item = Unique("item");
        var sub = await SubscribeAsync(receiver.Url, item, EventTypes.CaseAccepted, EventTypes.CaseDecided, EventTypes.CertificateIssued);
        var subjects = new[] { Unique("A"), Unique("B"), Unique("C") };
        var expected = new List<EventRecord>();
        foreach (var type in new[] { EventTypes.CaseAccepted, EventTypes.CaseDecided, EventTypes.CertificateIssued })
            foreach (var subject in subjects)
                expected.Add(await RecordAsync(type, subject, item));
        await RecordAsync(EventTypes.CaseSubmitted, subjects[0], item); // a type not subscribed
        await RecordAsync(EventTypes.CaseAccepted, subjects[0], Unique("other")); // another item

        // Down for ten minutes: every attempt fails and is retried with back-off; a subject's later events wait.
        for (var minute = 0.0; minute <= 10; minute += 0.5)
        {
            if (minute == 5)
                foreach (var subject in subjects) expected.Add(await RecordAsync(EventTypes.CaseDecided, subject, item, "revoke"));
            await RunJobAsync();
            _now = _now.AddSeconds(30);
        }
        var waiting = await DeliveriesAsync(sub.Id);
        waiting.Count.ShouldBe(expected.Count);
        waiting.ShouldAllBe(d => d.Status == DeliveryStatus.Pending);
        waiting.Where(d => d.Attempts > 0).Select(d => d.Subject).Distinct().Count().ShouldBe(3, "only the first open event of each subject is tried");
        waiting.Where(d => d.Attempts > 0).ShouldAllBe(d => d.LastError!.Contains("拒绝连接"));

        await receiver.StartAsync();
        var verified = 0;
        for (var i = 0; i < 200 && (await DeliveriesAsync(sub.Id)).Any(d => d.Status != DeliveryStatus.Delivered); i++)
        {
            _now = _now.AddMinutes(1);
            await RunJobAsync();
            // The receiver checks each request when it arrives (the timestamp tolerance is about arrival).
            foreach (var r in receiver.Received.Skip(verified).ToList()) await ShouldBeGenuineAsync(r, sub.Secret);
            verified = receiver.Received.Count;
        }

        (await DeliveriesAsync(sub.Id)).ShouldAllBe(d => d.Status == DeliveryStatus.Delivered);
        var got = receiver.Deduplicated;
        got.Select(r => r.Id).OrderBy(x => x).ShouldBe(expected.Select(e => e.Id.ToString()).OrderBy(x => x));
        receiver.Received.Count.ShouldBe(got.Count, "nothing was sent twice");
        foreach (var subject in subjects)
            got.Where(r => expected.Single(e => e.Id.ToString() == r.Id).Subject == subject).Select(r => r.Id)
                .ShouldBe(expected.Where(e => e.Subject == subject).OrderBy(e => e.Seq).Select(e => e.Id.ToString()), $"order of {subject}");
        verified.ShouldBe(receiver.Received.Count);

        // The delivery log through the API: attempts with their status, duration and error.
        var admin = await As("admin");
        var log = (await admin.GetFromJsonAsync<List<DeliveryView>>($"/api/v1/subscriptions/{sub.Id}/deliveries"))!;
        log.Count.ShouldBe(expected.Count);
        log.ShouldAllBe(d => d.Status == "delivered" && d.AttemptLog.Count == d.Attempts);
        log.SelectMany(d => d.AttemptLog).ShouldContain(a => a.StatusCode == null && a.Error!.Contains("拒绝连接"));
        log.SelectMany(d => d.AttemptLog).ShouldContain(a => a.StatusCode == 204);
    }

    [Fact]
    public async Task Retry_after_is_honoured_and_410_disables_the_subscription()
    {
        await using var receiver = new WebhookReceiver();
        var answers = new Queue<(int, int?)>([(429, 120), (410, null)]);
        receiver.Answer = _ => answers.Count > 0 ? answers.Dequeue() : (204, null);
        await receiver.StartAsync();
        var item = Unique("item");
        var sub = await SubscribeAsync(receiver.Url, item);
        await RecordAsync(EventTypes.CaseAccepted, Unique("S"), item);

        await RunJobAsync();
        var d = (await DeliveriesAsync(sub.Id)).Single();
        (d.Status, d.Attempts, d.LastStatusCode).ShouldBe((DeliveryStatus.Pending, 1, 429));
        d.NextAttemptAt.ShouldBe(_now.AddSeconds(120), TimeSpan.FromSeconds(1));

        _now = _now.AddSeconds(60);
        await RunJobAsync();
        receiver.Received.Count.ShouldBe(1, "Retry-After said two minutes");
        _now = _now.AddSeconds(61);
        await RunJobAsync();
        receiver.Received.Count.ShouldBe(2);

        var row = await InDb(db => db.Set<WebhookSubscription>().AsNoTracking().SingleAsync(s => s.Id == sub.Id));
        row.Status.ShouldBe(SubscriptionStatus.Disabled);
        row.DisabledReason.ShouldNotBeNull().ShouldContain("410");
        (await AuditActionsAsync(sub.Id)).ShouldContain("webhook-subscription.gone");

        await RecordAsync(EventTypes.CaseAccepted, Unique("S"), item);
        _now = _now.AddMinutes(5);
        await RunJobAsync();
        receiver.Received.Count.ShouldBe(2, "a disabled subscription gets nothing more");
        var admin = await As("admin");
        var list = (await admin.GetFromJsonAsync<List<SubscriptionView>>("/api/v1/subscriptions"))!;
        list.Single(s => s.Id == sub.Id).Status.ShouldBe("disabled");
    }

    [Fact]
    public async Task Retries_last_24_hours_then_give_up_with_one_alert_a_day_and_a_replay_delivers()
    {
        await using var receiver = new WebhookReceiver(); // not started: nobody listens
        var item = Unique("item");
        var sub = await SubscribeAsync(receiver.Url, item);
        await RecordAsync(EventTypes.CaseAccepted, Unique("S"), item);
        await RecordAsync(EventTypes.CaseAccepted, Unique("T"), item);
        var start = _now;

        await RunJobAsync();
        _now = start.AddHours(23);
        await RunJobAsync();
        (await DeliveriesAsync(sub.Id)).ShouldAllBe(d => d.Status == DeliveryStatus.Pending && d.Attempts == 2 && d.NextAttemptAt <= start.AddHours(24));

        _now = start.AddHours(24).AddSeconds(1);
        await RunJobAsync();
        var failed = await DeliveriesAsync(sub.Id);
        failed.ShouldAllBe(d => d.Status == DeliveryStatus.Failed && d.Attempts == 3);
        var row = await InDb(db => db.Set<WebhookSubscription>().AsNoTracking().SingleAsync(s => s.Id == sub.Id));
        row.AlertText.ShouldNotBeNull().ShouldContain("24 小时");
        (await AuditActionsAsync(sub.Id)).Count(a => a == "webhook-subscription.alert").ShouldBe(1, "two give-ups the same day alert once");

        await receiver.StartAsync();
        var admin = await As("admin");
        using (var replay = await admin.PostAsync($"/api/v1/subscriptions/{sub.Id}/deliveries/{failed[0].Id}/replay", null))
            await ShouldBeAsync(replay, HttpStatusCode.Accepted);
        await RunJobAsync();
        receiver.Deduplicated.Select(r => r.Id).ShouldBe(new[] { failed[0].EventId.ToString() });
        (await DeliveriesAsync(sub.Id))[0].Status.ShouldBe(DeliveryStatus.Delivered);
        (await AuditActionsAsync(sub.Id)).ShouldContain("webhook-delivery.replayed");
        using (var unknown = await admin.PostAsync($"/api/v1/subscriptions/{sub.Id}/deliveries/{Guid.NewGuid()}/replay", null))
            await ShouldBeProblemAsync(unknown, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("http://127.0.0.2/hook", "address-refused")]
    [InlineData("http://[::1]:8080/hook", "address-refused")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "address-refused")]
    [InlineData("http://[fd00:ec2::254]/", "address-refused")]
    [InlineData("http://[fe80::1]/", "address-refused")]
    [InlineData("http://0.0.0.0:80/", "address-refused")]
    [InlineData("http://224.0.0.1/", "address-refused")]
    [InlineData("http://localhost:5000/hook", "address-refused")]
    [InlineData("http://[::ffff:127.0.0.2]/hook", "address-refused")]
    [InlineData("ftp://example.org/hook", "scheme")]
    [InlineData("http://user:secret@example.org/hook", "credentials")]
    [InlineData("/relative/hook", "scheme")]
    [InlineData("", "required")]
    public async Task Callback_urls_reaching_internal_addresses_are_refused_naming_url(string url, string rule)
    {
        var admin = await As("admin");
        using var response = await admin.PostAsJsonAsync("/api/v1/subscriptions", new { url, eventTypes = Array.Empty<string>() });
        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: "url", rule: rule);
        var refused = await InDb(db => db.Set<AuditEntry>().AsNoTracking().Where(a => a.Action == "webhook-subscription.refused")
            .OrderByDescending(a => a.Id).Select(a => a.Detail).FirstAsync());
        refused.ShouldNotBeNull().ShouldContain(rule);
    }

    [Fact]
    public async Task Bad_fields_and_a_too_long_url_are_refused_naming_each_field()
    {
        var admin = await As("admin");
        using (var r = await admin.PostAsJsonAsync("/api/v1/subscriptions", new { url = "https://example.org/" + new string('a', 2100) }))
            await ShouldBeProblemAsync(r, HttpStatusCode.BadRequest, field: "url", rule: "max-length");
        using (var r = await admin.PostAsJsonAsync("/api/v1/subscriptions",
                   new { url = "http://127.0.0.1:9/hook", eventTypes = new[] { "case.nope" }, secret = "whsec_c2hvcnQ=", filters = new { departmentId = Guid.NewGuid() } }))
        {
            var problem = await ShouldBeProblemAsync(r, HttpStatusCode.BadRequest, field: "eventTypes[0]");
            problem.GetProperty("errors").TryGetProperty("secret", out _).ShouldBeTrue();
            problem.GetProperty("errors").TryGetProperty("filters.departmentId", out _).ShouldBeTrue();
        }
    }

    [Fact]
    public async Task The_connect_time_check_refuses_an_address_the_url_did_not_show()
    {
        await using var receiver = new WebhookReceiver();
        await receiver.StartAsync();
        var item = Unique("item");
        var sub = await SubscribeAsync(receiver.Url, item);
        // As if the name had come to resolve to a loopback address that is not allow-listed (DNS rebinding).
        await InDb(db => db.Set<WebhookSubscription>().Where(s => s.Id == sub.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Url, $"http://127.0.0.2:{receiver.Port}/hook")));
        await RecordAsync(EventTypes.CaseAccepted, Unique("S"), item);
        await RunJobAsync();
        var d = (await DeliveriesAsync(sub.Id)).Single();
        (d.Status, d.LastStatusCode).ShouldBe((DeliveryStatus.Pending, null));
        d.LastError.ShouldNotBeNull().ShouldContain("不允许");
        receiver.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task Only_the_system_administrator_manages_subscriptions_and_the_auditor_reads()
    {
        var item = Unique("item");
        var sub = await SubscribeAsync("http://127.0.0.1:9/hook", item, EventTypes.CertificateRevoked);
        var clerk = await As("clerk");
        await ShouldBeProblemAsync(await clerk.GetAsync("/api/v1/subscriptions"), HttpStatusCode.Forbidden);
        var secadmin = await As("secadmin");
        await ShouldBeProblemAsync(await secadmin.GetAsync("/api/v1/subscriptions"), HttpStatusCode.Forbidden);
        var auditor = await As("auditor");
        (await auditor.GetFromJsonAsync<List<SubscriptionView>>("/api/v1/subscriptions"))!.ShouldContain(s => s.Id == sub.Id);
        (await auditor.GetAsync($"/api/v1/subscriptions/{sub.Id}/deliveries")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await ShouldBeProblemAsync(await auditor.PostAsJsonAsync("/api/v1/subscriptions", new { url = "http://127.0.0.1:9/x" }), HttpStatusCode.Forbidden);
        await ShouldBeProblemAsync(await auditor.DeleteAsync($"/api/v1/subscriptions/{sub.Id}"), HttpStatusCode.Forbidden);
        (await Anonymous().GetAsync("/api/v1/subscriptions")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var admin = await As("admin");
        var listed = (await admin.GetFromJsonAsync<List<SubscriptionView>>("/api/v1/subscriptions"))!.Single(s => s.Id == sub.Id);
        listed.EventTypes.ShouldBe(new[] { EventTypes.CertificateRevoked });
        listed.Filters.ItemCode.ShouldBe(item);
        JsonSerializer.Serialize(listed).ShouldNotContain("whsec_", Case.Sensitive, "the secret is shown once, at creation");
        (await admin.PostAsync($"/api/v1/subscriptions/{sub.Id}/disable", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await admin.DeleteAsync($"/api/v1/subscriptions/{sub.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await ShouldBeProblemAsync(await admin.DeleteAsync($"/api/v1/subscriptions/{sub.Id}"), HttpStatusCode.NotFound);
        (await AuditActionsAsync(sub.Id)).ShouldBe(new[] { "webhook-subscription.created", "webhook-subscription.disabled", "webhook-subscription.deleted" });
        var stored = await InDb(db => db.Set<AuditEntry>().AsNoTracking().Where(a => a.EntityId == sub.Id.ToString()).Select(a => a.Detail).ToListAsync());
        stored.ShouldAllBe(detail => detail == null || !detail.Contains("whsec_"));
    }

    [Fact]
    public async Task The_secret_is_stored_encrypted_and_a_given_secret_signs()
    {
        await using var receiver = new WebhookReceiver();
        await receiver.StartAsync();
        var secret = "whsec_" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var item = Unique("item");
        var admin = await As("admin");
        using var response = await admin.PostAsJsonAsync("/api/v1/subscriptions", new { url = receiver.Url, filters = new { itemCode = item }, secret });
        var created = (await response.Content.ReadFromJsonAsync<SubscriptionCreated>())!;
        created.Secret.ShouldBe(secret);
        var stored = await InDb(db => db.Set<WebhookSubscription>().AsNoTracking().Where(s => s.Id == created.Id).Select(s => s.SecretProtected).SingleAsync());
        stored.ShouldNotContain(secret["whsec_".Length..]);
        await RecordAsync(EventTypes.SupervisionPushed, Unique("P"), item);
        await RunJobAsync();
        await ShouldBeGenuineAsync(receiver.Received.Single(), secret);
        new StandardWebhooksVerifier(secret).Problem(receiver.Received.Single().Id, receiver.Received.Single().Timestamp,
            receiver.Received.Single().Signature, receiver.Received.Single().Body, _now.AddMinutes(6)).ShouldBe("timestamp too old");
    }

    private Task<List<string>> AuditActionsAsync(Guid subscription) => InDb(db => db.Set<AuditEntry>().AsNoTracking()
        .Where(a => a.EntityType == SubscriptionAdmin.Entity && a.EntityId == subscription.ToString()).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
}

[Trait("Provider", "Sqlite")]
public sealed class WebhookTests_Sqlite(SqliteApp app) : WebhookTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class WebhookTests_Postgres(PostgresApp app) : WebhookTests(app), IClassFixture<PostgresApp>;
