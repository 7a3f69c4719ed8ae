using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneSeal.Catalog;
using OneSeal.Catalog.Transfers;
using OneSeal.Organisation;
using OneSeal.Platform.Database;
using OneSeal.Platform.Time;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Catalog.Reform;

/// <summary>
/// <c>GET /api/v1/catalog/worklists</c> and <c>GET /api/v1/catalog/stats</c> on the demo catalog (fake clock 2026-03-02),
/// checked against figures the test computes itself from the rows: the version in force is the highest published or
/// superseded version already effective; the first version is the lowest ever published. Nothing here writes.
/// </summary>
public abstract class ReformApiTests(OneSealFactory app) : CaseApiTestBase(app)
{
    private sealed record Catalog(List<Item> InForce, Dictionary<string, Item> First, Dictionary<Guid, Agency> Agencies, HashSet<string> MovedByBatch, Guid Bureau);

    /// <summary>Every version with its materials, reduced in memory; independent of the app's SQL.</summary>
    private Task<Catalog> LoadAsync() => InDb(async db =>
    {
        var today = LegalDates.Today(App.Time!);
        var all = await db.Set<Item>().AsNoTracking().Include(i => i.Materials).ToListAsync();
        var published = all.Where(i => i.Status is ItemVersionStatus.Published or ItemVersionStatus.Superseded).ToList();
        var inForce = published.Where(i => i.EffectiveFrom <= today).GroupBy(i => i.Code).Select(g => g.MaxBy(i => i.Version)!).ToList();
        var first = published.GroupBy(i => i.Code).ToDictionary(g => g.Key, g => g.MinBy(i => i.Version)!);
        var agencies = await db.Set<Agency>().AsNoTracking().ToDictionaryAsync(a => a.Id);
        var batches = await db.Set<TransferBatch>().AsNoTracking().Include(b => b.Items).ToListAsync();
        var moved = batches.Where(b => b.EffectiveOn <= today).SelectMany(b => b.Items).Select(i => i.ItemCode).ToHashSet();
        return new Catalog(inForce, first, agencies, moved, agencies.Values.Single(a => a.Kind == OrganisationKind.Bureau).Id);
    });

    private async Task<JsonElement> GetAsync(string url, string user = "admin")
    {
        using var response = await (await As(user)).GetAsync(url);
        await ShouldBeAsync(response, HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static HashSet<string> Codes(JsonElement list) =>
        list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString()!).ToHashSet();

    [Fact]
    public async Task The_worklists_hold_exactly_the_items_and_materials_the_catalog_rows_say()
    {
        var c = await LoadAsync();
        var lists = (await GetAsync("/api/v1/catalog/worklists")).GetProperty("lists");

        var notCompressed = c.InForce.Where(i => i.Kind != ItemKind.Immediate && i.StatutoryDays > 0 && i.PromisedDays >= i.StatutoryDays).Select(i => i.Code);
        Codes(lists.GetProperty("notCompressed")).ShouldBe(notCompressed.ToHashSet(), ignoreOrder: true);
        Codes(lists.GetProperty("twoOrMoreVisits")).ShouldBe(c.InForce.Where(i => i.Visits >= 2).Select(i => i.Code).ToHashSet(), ignoreOrder: true);
        Codes(lists.GetProperty("notOnline")).ShouldBe(c.InForce.Where(i => i.OnlineDepth < 3).Select(i => i.Code).ToHashSet(), ignoreOrder: true);

        var withoutBasis = c.InForce.SelectMany(i => i.Materials.Where(m => string.IsNullOrWhiteSpace(m.LegalBasis)).Select(m => $"{i.Code}/{m.Code}")).ToList();
        var listed = lists.GetProperty("materialsWithoutBasis");
        listed.GetProperty("items").EnumerateArray()
            .Select(r => $"{r.GetProperty("code").GetString()}/{r.GetProperty("materialCode").GetString()}").ShouldBe(withoutBasis, ignoreOrder: true);
        listed.GetProperty("count").GetInt32().ShouldBe(withoutBasis.Count);

        // The demo seeds something on every list (docs/demo-catalog.md), so none of these checks is vacuous.
        foreach (var key in new[] { "notCompressed", "materialsWithoutBasis", "twoOrMoreVisits", "notOnline" })
        {
            var list = lists.GetProperty(key);
            list.GetProperty("count").GetInt32().ShouldBeGreaterThan(0, key);
            list.GetProperty("byDepartment").EnumerateArray().Sum(d => d.GetProperty("count").GetInt32()).ShouldBe(list.GetProperty("count").GetInt32(), key);
        }
    }

    [Fact]
    public async Task A_department_filter_keeps_only_that_departments_rows()
    {
        var all = (await GetAsync("/api/v1/catalog/worklists")).GetProperty("lists").GetProperty("materialsWithoutBasis");
        var department = all.GetProperty("items").EnumerateArray().First().GetProperty("departmentCode").GetString()!;

        var filtered = await GetAsync($"/api/v1/catalog/worklists?department={department}");

        filtered.GetProperty("department").GetString().ShouldBe(department);
        foreach (var list in filtered.GetProperty("lists").EnumerateObject())
            list.Value.GetProperty("items").EnumerateArray().ShouldAllBe(r => r.GetProperty("departmentCode").GetString() == department);
        var expected = all.GetProperty("byDepartment").EnumerateArray().Single(d => d.GetProperty("departmentCode").GetString() == department).GetProperty("count").GetInt32();
        filtered.GetProperty("lists").GetProperty("materialsWithoutBasis").GetProperty("count").GetInt32().ShouldBe(expected);
    }

    [Fact]
    public async Task An_unknown_department_is_400_naming_department()
    {
        using var response = await (await As("admin")).GetAsync("/api/v1/catalog/worklists?department=NOPE");
        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: "department", rule: "unknown-agency");
    }

    [Fact]
    public async Task The_overall_figures_agree_with_the_catalog_rows()
    {
        var c = await LoadAsync();
        var overall = (await GetAsync("/api/v1/catalog/stats")).GetProperty("overall");

        var items = c.InForce;
        overall.GetProperty("items").GetInt32().ShouldBe(items.Count);
        overall.GetProperty("transferred").GetInt32().ShouldBe(items.Count(i => i.ImplementingOrganisationId == c.Bureau && c.MovedByBatch.Contains(i.Code)));
        var kinds = overall.GetProperty("byKind");
        kinds.GetProperty("immediate").GetInt32().ShouldBe(items.Count(i => i.Kind == ItemKind.Immediate));
        kinds.GetProperty("promised").GetInt32().ShouldBe(items.Count(i => i.Kind == ItemKind.Promised));
        kinds.GetProperty("joint").GetInt32().ShouldBe(items.Count(i => i.Kind == ItemKind.Joint));
        kinds.GetProperty("reportUp").GetInt32().ShouldBe(items.Count(i => i.Kind == ItemKind.ReportUp));
        overall.GetProperty("immediateShare").GetDouble().ShouldBe(Math.Round((double)items.Count(i => i.Kind == ItemKind.Immediate) / items.Count, 4));
        overall.GetProperty("zeroVisitShare").GetDouble().ShouldBe(Math.Round((double)items.Count(i => i.Visits == 0) / items.Count, 4));

        var limited = items.Where(i => i.StatutoryDays > 0).ToList();
        overall.GetProperty("statutoryDaysSum").GetInt64().ShouldBe(limited.Sum(i => (long)i.StatutoryDays));
        overall.GetProperty("promisedDaysSum").GetInt64().ShouldBe(limited.Sum(i => (long)i.PromisedDays));
        overall.GetProperty("avgPromisedDays").GetDouble().ShouldBe(Math.Round(limited.Average(i => (double)i.PromisedDays), 4));
        overall.GetProperty("compression").GetDouble()
            .ShouldBe(Math.Round(1 - (double)limited.Sum(i => i.PromisedDays) / limited.Sum(i => i.StatutoryDays), 4));

        var now = items.Sum(i => i.Materials.Count);
        var first = items.Sum(i => c.First[i.Code].Materials.Count);
        overall.GetProperty("materialsNow").GetInt32().ShouldBe(now);
        overall.GetProperty("materialsFirst").GetInt32().ShouldBe(first);
        overall.GetProperty("materialReduction").GetDouble().ShouldBe(Math.Round(1 - (double)now / first, 4));

        // The demo's reform shows in the numbers: items moved, limits cut, materials removed.
        overall.GetProperty("transferred").GetInt32().ShouldBeGreaterThan(0);
        overall.GetProperty("compression").GetDouble().ShouldBeGreaterThan(0);
        first.ShouldBeGreaterThan(now);
    }

    [Fact]
    public async Task Each_department_adds_up_to_the_overall_figures_and_has_its_own_items()
    {
        var c = await LoadAsync();
        var stats = await GetAsync("/api/v1/catalog/stats");
        var departments = stats.GetProperty("departments").EnumerateArray().ToList();

        foreach (var field in new[] { "items", "transferred", "zeroVisit", "materialsFirst", "materialsNow" })
            departments.Sum(d => d.GetProperty(field).GetInt32()).ShouldBe(stats.GetProperty("overall").GetProperty(field).GetInt32(), field);
        foreach (var d in departments)
        {
            var code = d.GetProperty("departmentCode").GetString();
            var own = c.InForce.Where(i => c.Agencies[i.CompetentDepartmentId].Code == code).ToList();
            d.GetProperty("items").GetInt32().ShouldBe(own.Count, code);
            d.GetProperty("materialsNow").GetInt32().ShouldBe(own.Sum(i => i.Materials.Count), code);
        }
    }

    [Theory]
    [InlineData("monitor")]
    [InlineData("chief")]
    public async Task Leaders_and_monitors_may_read_the_figures_but_not_the_worklists(string user)
    {
        (await GetAsync("/api/v1/catalog/stats", user)).GetProperty("overall").GetProperty("items").GetInt32().ShouldBeGreaterThan(0);
        using var worklists = await (await As(user)).GetAsync("/api/v1/catalog/worklists");
        await ShouldBeProblemAsync(worklists, HttpStatusCode.Forbidden, rule: "role");
    }

    [Fact]
    public async Task A_clerk_may_read_neither()
    {
        using (var stats = await (await As("clerk")).GetAsync("/api/v1/catalog/stats"))
            await ShouldBeProblemAsync(stats, HttpStatusCode.Forbidden, rule: "role");
        using (var lists = await (await As("clerk")).GetAsync("/api/v1/catalog/worklists"))
            await ShouldBeProblemAsync(lists, HttpStatusCode.Forbidden, rule: "role");
    }
}

public sealed class ReformSqliteApp() : OneSealFactory(DatabaseProvider.Sqlite, ApiApps.Options(time: new FakeTimeProvider()));
public sealed class ReformPostgresApp() : OneSealFactory(DatabaseProvider.Postgres, ApiApps.Options(time: new FakeTimeProvider()));

[Trait("Provider", "Sqlite")]
public sealed class ReformApiTests_Sqlite(ReformSqliteApp app) : ReformApiTests(app), IClassFixture<ReformSqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class ReformApiTests_Postgres(ReformPostgresApp app) : ReformApiTests(app), IClassFixture<ReformPostgresApp>;
