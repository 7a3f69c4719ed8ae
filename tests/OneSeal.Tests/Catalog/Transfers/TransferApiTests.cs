using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneSeal.Catalog;
using OneSeal.Catalog.Search;
using OneSeal.Catalog.Transfers;
using OneSeal.Catalog.Versions;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Time;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Catalog.Transfers;

/// <summary>
/// <c>POST /api/v1/transfers</c> and <c>GET /api/v1/transfers</c> on the demo catalog, on a fake clock (2026-03-02).
/// Each test moves its own items that the demo leaves with their departments (docs/demo-catalog.md), so tests sharing
/// the class's database never collide; dates are taken from the clock, which only one test moves forward.
/// </summary>
public abstract class TransferApiTests(OneSealFactory app) : CaseApiTestBase(app)
{
    private const string Bureau = "青山县行政审批局";

    private DateOnly Today => LegalDates.Today(App.Time!);

    private static object Batch(string documentNumber, DateOnly effectiveOn, params object[] items) =>
        new { documentNumber, title = "关于划转部分行政许可事项的通知", effectiveOn = effectiveOn.ToString("yyyy-MM-dd"), items };

    private async Task<HttpResponseMessage> PostAsync(object body, string user = "admin") =>
        await (await As(user)).PostAsJsonAsync("/api/v1/transfers", body);

    private async Task<string> ImplementingBodyAsync(string code)
    {
        var guide = await Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/items/{code}");
        return guide.GetProperty("implementingBody").GetString()!;
    }

    /// <summary>Rows that a refused request must leave as they were.</summary>
    private Task<(int Batches, int Versions, int Audit)> FootprintAsync() => InDb(async db =>
        (await db.Set<TransferBatch>().CountAsync(), await db.Set<Item>().CountAsync(), await db.Set<AuditEntry>().CountAsync(a => a.EntityType == "transfer-batch")));

    [Fact]
    public async Task A_future_batch_moves_the_item_to_the_bureau_on_its_date_and_keeps_its_history()
    {
        const string code = "QS-XK-010"; // 教师资格认定, 县教体局
        var before = await ImplementingBodyAsync(code);
        before.ShouldNotBe(Bureau);
        var versionsBefore = await InDb(db => db.Set<Item>().Where(i => i.Code == code).OrderBy(i => i.Version).Select(i => i.Id).ToListAsync());
        var effective = Today.AddDays(10);
        var document = Unique("青审改发〔2026〕");

        using (var created = await PostAsync(new
        {
            documentNumber = document, title = "第三批划转", effectiveOn = effective.ToString("yyyy-MM-dd"), window = "综合受理区 A08 窗口",
            items = new[] { new { code, entrustedBody = "JYTYJ" } },
        }))
        {
            await ShouldBeAsync(created, HttpStatusCode.Created);
            var body = await created.Content.ReadFromJsonAsync<JsonElement>();
            body.GetProperty("documentNumber").GetString().ShouldBe(document);
            var item = body.GetProperty("items").EnumerateArray().Single();
            item.GetProperty("code").GetString().ShouldBe(code);
            item.GetProperty("fromDepartment").GetString().ShouldBe(before);
            item.GetProperty("entrustmentRedone").GetString()!.ShouldContain("教");
            item.GetProperty("versionCreated").GetInt32().ShouldBe(versionsBefore.Count + 1);
        }

        // Published now, in force only from its date.
        (await ImplementingBodyAsync(code)).ShouldBe(before);

        // A second batch cannot take an item already waiting in one.
        using (var again = await PostAsync(Batch(Unique("青审改发〔2026〕"), effective, new { code })))
            await ShouldBeProblemAsync(again, HttpStatusCode.BadRequest, field: "items[0].code", rule: "pending-transfer");

        App.Time!.Advance(TimeSpan.FromDays(10));
        (await ImplementingBodyAsync(code)).ShouldBe(Bureau);

        var versions = await InDb(db => db.Set<Item>().AsNoTracking().Where(i => i.Code == code).OrderBy(i => i.Version).ToListAsync());
        versions.Count.ShouldBe(versionsBefore.Count + 1);
        versions.Take(versionsBefore.Count).Select(v => v.Id).ShouldBe(versionsBefore);
        var transferred = versions[^1];
        transferred.EffectiveFrom.ShouldBe(effective);
        transferred.TransferBatchId.ShouldNotBeNull();
        transferred.Window.ShouldBe("综合受理区 A08 窗口");
        transferred.ChangeNote!.ShouldContain(document);

        var list = await Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/transfers");
        var batch = list.EnumerateArray().Single(b => b.GetProperty("documentNumber").GetString() == document);
        batch.GetProperty("effectiveOn").GetString().ShouldBe(effective.ToString("yyyy-MM-dd"));
        list.EnumerateArray().Count().ShouldBeGreaterThanOrEqualTo(3); // the demo's two batches are listed too
    }

    [Fact]
    public async Task A_batch_effective_today_is_in_force_at_once_supersedes_the_old_version_and_is_audited()
    {
        const string code = "QS-JL-001"; // 举报奖励, 县市场监管局
        var document = Unique("青审改发〔2026〕");
        using (var created = await PostAsync(Batch(document, Today, new { code })))
            await ShouldBeAsync(created, HttpStatusCode.Created);

        (await ImplementingBodyAsync(code)).ShouldBe(Bureau);
        await InDb(async db =>
        {
            var versions = await db.Set<Item>().AsNoTracking().Where(i => i.Code == code).OrderBy(i => i.Version).ToListAsync();
            versions[^1].Status.ShouldBe(ItemVersionStatus.Published);
            versions[^1].Window.ShouldBe(TransferCommands.DefaultWindow);
            versions.Take(versions.Count - 1).ShouldAllBe(v => v.Status == ItemVersionStatus.Superseded);
            var newest = versions[^1].Id;
            (await db.Set<ItemSearchKey>().SingleAsync(k => k.ItemId == newest)).InForce.ShouldBeTrue();
            (await db.Set<AuditEntry>().CountAsync(a => a.Action == "transfer.batch-created" && a.Detail!.Contains(document))).ShouldBe(1);
        });
    }

    public static TheoryData<string, string, string> BadBatches => new()
    {
        { "no-document-number", "documentNumber", "required" },
        { "document-number-taken", "documentNumber", "duplicate" },
        { "impossible-date", "effectiveOn", "date-format" },
        { "no-items", "items", "required" },
        { "unknown-code", "items[0].code", "unknown-item" },
        { "same-code-twice", "items[1].code", "duplicate" },
        { "already-at-bureau", "items[0].code", "already-at-bureau" },
        { "unknown-entrusted-body", "items[0].entrustedBody", "unknown-agency" },
        { "before-current-version", "items[0].code", "before-current-version" },
    };

    [Theory]
    [MemberData(nameof(BadBatches))]
    public async Task A_bad_batch_is_refused_naming_the_field_and_rule_and_nothing_is_written(string what, string field, string rule)
    {
        const string code = "QS-XK-039"; // 拖拉机驾驶证, 县农业农村局: never moved by this class
        var doc = Unique("青审改发〔2026〕");
        var body = what switch
        {
            "no-document-number" => Batch(" ", Today, new { code }),
            "document-number-taken" => Batch("青审改发〔2024〕3号", Today, new { code }),
            "impossible-date" => new { documentNumber = doc, title = "t", effectiveOn = "2026-02-30", items = new[] { new { code } } },
            "no-items" => Batch(doc, Today),
            "unknown-code" => Batch(doc, Today, new { code = "QS-XX-999" }),
            "same-code-twice" => Batch(doc, Today, new { code }, new { code }),
            "already-at-bureau" => Batch(doc, Today, new { code = Demo.FoodLicence }),
            "unknown-entrusted-body" => Batch(doc, Today, new { code, entrustedBody = "NOPE" }),
            "before-current-version" => Batch(doc, new DateOnly(2023, 6, 1), new { code }),
            _ => throw new ArgumentOutOfRangeException(nameof(what)),
        };
        var before = await FootprintAsync();

        using var response = await PostAsync(body);

        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: field, rule: rule);
        (await FootprintAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task An_item_with_an_open_draft_is_a_conflict_until_the_draft_is_published_or_discarded()
    {
        const string code = "QS-CJ-001"; // 林权争议裁决, 县林业局
        await InDb(async db =>
        {
            var current = await ItemVersions.InForceAsync(db, code, Today, CancellationToken.None);
            db.Add(ItemVersions.CopyAsDraft(current!, current!.Version + 1, Instants.Now(App.Time!), null));
            await db.SaveChangesAsync();
        });
        var before = await FootprintAsync();

        using var response = await PostAsync(Batch(Unique("青审改发〔2026〕"), Today, new { code }));

        await ShouldBeProblemAsync(response, HttpStatusCode.Conflict, rule: "open-draft");
        (await FootprintAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Only_an_administrator_may_register_a_batch()
    {
        var before = await FootprintAsync();
        using (var clerk = await PostAsync(Batch(Unique("青审改发〔2026〕"), Today, new { code = "QS-XK-049" }), "clerk"))
            await ShouldBeProblemAsync(clerk, HttpStatusCode.Forbidden, rule: "role");
        using (var anonymous = await Anonymous().PostAsJsonAsync("/api/v1/transfers", Batch(Unique("x"), Today, new { code = "QS-XK-049" })))
            anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await FootprintAsync()).ShouldBe(before);
    }
}

public sealed class TransferSqliteApp() : OneSealFactory(DatabaseProvider.Sqlite, ApiApps.Options(time: new FakeTimeProvider()));
public sealed class TransferPostgresApp() : OneSealFactory(DatabaseProvider.Postgres, ApiApps.Options(time: new FakeTimeProvider()));

[Trait("Provider", "Sqlite")]
public sealed class TransferApiTests_Sqlite(TransferSqliteApp app) : TransferApiTests(app), IClassFixture<TransferSqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class TransferApiTests_Postgres(TransferPostgresApp app) : TransferApiTests(app), IClassFixture<TransferPostgresApp>;
