using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneSeal.Catalog;
using OneSeal.Catalog.Search;
using OneSeal.Organisation;
using OneSeal.Platform.Database;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Catalog.Search;

/// <summary>
/// <c>GET /api/v1/items?q=</c> over the demo catalog: Chinese substrings, pinyin initials, full pinyin, codes,
/// ranking and paging, and the index kept in step when items are added or renamed (docs/decisions/0005-chinese-search.md).
/// </summary>
public abstract class CatalogSearchApiTests(OneSealFactory app) : ApiTestBase(app)
{
    private const string FoodBusiness = "QS-XK-003";   // 食品经营许可（新办）
    private const string FoodProduction = "QS-XK-004"; // 食品生产许可（新办）
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private sealed record Hit(string Code, string Name, string Department);

    private async Task<(int Total, List<Hit> Items)> SearchAsync(string q, int page = 1, int pageSize = 100)
    {
        using var response = await Anonymous().GetAsync($"/api/v1/items?q={Uri.EscapeDataString(q)}&page={page}&pageSize={pageSize}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (json.GetProperty("total").GetInt32(), json.GetProperty("items").Deserialize<List<Hit>>(Web)!);
    }

    [Fact]
    public async Task 食品_finds_the_food_business_and_food_production_licences()
    {
        var (total, items) = await SearchAsync("食品");

        items.ShouldContain(i => i.Code == FoodBusiness && i.Name == "食品经营许可（新办）");
        items.ShouldContain(i => i.Code == FoodProduction && i.Name == "食品生产许可（新办）");
        items.ShouldAllBe(i => i.Name.Contains("食品"));
        total.ShouldBe(items.Count);
        items.ShouldAllBe(i => i.Department.Length > 0);
    }

    [Fact]
    public async Task Pinyin_initials_spjy_find_the_food_business_licence_first()
    {
        var (_, items) = await SearchAsync("spjy");

        items.ShouldNotBeEmpty();
        items[0].Code.ShouldBe(FoodBusiness); // its initials start with spjy
        items.ShouldNotContain(i => i.Code == FoodProduction);
        (await SearchAsync("SPJY")).Items.Select(i => i.Code).ShouldBe(items.Select(i => i.Code));
    }

    [Fact]
    public async Task Full_pinyin_shipin_finds_both_food_licences()
    {
        var (_, items) = await SearchAsync("shipin");

        items.ShouldContain(i => i.Code == FoodBusiness);
        items.ShouldContain(i => i.Code == FoodProduction);
        (await SearchAsync("shipinjingying")).Items.ShouldContain(i => i.Code == FoodBusiness);
        (await SearchAsync("jingyingxuke")).Items.ShouldContain(i => i.Code == FoodBusiness);
    }

    [Fact]
    public async Task 经营许可_finds_several_items_all_containing_it()
    {
        var (total, items) = await SearchAsync("经营许可");

        total.ShouldBeGreaterThanOrEqualTo(5);
        items.ShouldAllBe(i => i.Name.Contains("经营许可"));
        items.ShouldContain(i => i.Code == FoodBusiness);
        items.Select(i => i.Code).ShouldBe(items.Select(i => i.Code).Order(StringComparer.Ordinal), "none starts with it: by code");
    }

    [Fact]
    public async Task A_name_that_does_not_exist_finds_nothing()
    {
        var (total, items) = await SearchAsync("不存在的事项");

        total.ShouldBe(0);
        items.ShouldBeEmpty();
    }

    [Fact]
    public async Task One_chinese_character_is_a_substring_of_the_name()
    {
        var (_, items) = await SearchAsync("药");

        items.ShouldNotBeEmpty();
        items.ShouldAllBe(i => i.Name.Contains('药'));
    }

    [Fact]
    public async Task The_exact_name_ranks_first_then_names_starting_with_the_query()
    {
        (await SearchAsync("食品经营许可（新办）")).Items.Select(i => i.Code).ShouldBe([FoodBusiness]);

        var (_, items) = await SearchAsync("食品");
        var starting = items.TakeWhile(i => i.Name.StartsWith("食品", StringComparison.Ordinal)).Count();
        starting.ShouldBeGreaterThanOrEqualTo(2);
        items.Skip(starting).ShouldAllBe(i => !i.Name.StartsWith("食品", StringComparison.Ordinal));
        items.ShouldContain(i => i.Name.Contains("食品") && !i.Name.StartsWith("食品")); // 小餐饮小食杂店食品经营登记
    }

    [Fact]
    public async Task A_code_fragment_finds_the_item_whatever_its_case()
    {
        (await SearchAsync("xk-003")).Items.Select(i => i.Code).ShouldBe([FoodBusiness]);
        (await SearchAsync("QS-XK-00")).Items.Count.ShouldBeGreaterThanOrEqualTo(9);
    }

    [Fact]
    public async Task A_mixed_query_is_tried_as_pinyin()
    {
        (await SearchAsync("食品jy")).Items.ShouldContain(i => i.Code == FoodBusiness);
        (await SearchAsync("shi pin")).Items.ShouldContain(i => i.Code == FoodProduction);
    }

    [Fact]
    public async Task Pages_split_the_ranked_matches_and_keep_the_total()
    {
        var (total, all) = await SearchAsync("许可");
        total.ShouldBeGreaterThan(4);

        var (total1, page1) = await SearchAsync("许可", page: 1, pageSize: 2);
        var (total2, page2) = await SearchAsync("许可", page: 2, pageSize: 2);
        var (totalFar, far) = await SearchAsync("许可", page: 1000, pageSize: 2);

        (total1, total2, totalFar).ShouldBe((total, total, total));
        page1.Concat(page2).Select(i => i.Code).ShouldBe(all.Take(4).Select(i => i.Code));
        far.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_new_item_is_found_once_indexed_and_a_renamed_one_under_its_new_name_only()
    {
        var code = Unique("QS-T-");
        var (before, after) = (UniqueHan(), UniqueHan());
        var id = await AddItemAsync(code, before + "许可", index: true, published: true);

        (await SearchAsync(before)).Items.Select(i => i.Code).ShouldBe([code]);
        var initials = SearchKeys.Build(before, "").Initials;
        (await SearchAsync(initials)).Items.ShouldContain(i => i.Code == code);

        await InDb(async db =>
        {
            var item = await db.Set<Item>().SingleAsync(i => i.Id == id);
            item.Name = after + "许可";
            await ItemSearchIndex.UpdateAsync(db, item, inForce: true, CancellationToken.None);
            await db.SaveChangesAsync();
        });

        (await SearchAsync(before)).Total.ShouldBe(0);
        (await SearchAsync(after)).Items.Select(i => i.Code).ShouldBe([code]);
        (await SearchAsync(code)).Items.Select(i => i.Code).ShouldBe([code]);
    }

    [Fact]
    public async Task An_unpublished_item_is_not_found()
    {
        var name = UniqueHan();
        await AddItemAsync(Unique("QS-T-"), name, index: true, published: false);

        (await SearchAsync(name)).Total.ShouldBe(0);
    }

    [Fact]
    public async Task A_version_coming_into_force_and_then_superseded_enters_and_leaves_the_search()
    {
        var code = Unique("QS-T-");
        var name = UniqueHan();
        var id = await AddItemAsync(code, name, index: true, published: false);

        await SetStatusAsync(id, ItemVersionStatus.Published);
        (await SearchAsync(name)).Items.Select(i => i.Code).ShouldBe([code]);

        await SetStatusAsync(id, ItemVersionStatus.Superseded);
        (await SearchAsync(name)).Total.ShouldBe(0);
        (await InDb(db => db.Set<ItemSearchKey>().Where(k => k.ItemId == id).SelectMany(k => k.Terms).CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task The_start_up_sync_indexes_items_saved_without_keys()
    {
        var code = Unique("QS-T-");
        var name = UniqueHan();
        await AddItemAsync(code, name, index: false, published: true);
        (await SearchAsync(name)).Total.ShouldBe(0);

        (await InDb(db => ItemSearchIndex.SyncAsync(db, new DateOnly(2026, 3, 2), CancellationToken.None))).ShouldBeGreaterThanOrEqualTo(1);

        (await SearchAsync(name)).Items.Select(i => i.Code).ShouldBe([code]);
        (await InDb(db => ItemSearchIndex.SyncAsync(db, new DateOnly(2026, 3, 2), CancellationToken.None))).ShouldBe(0, "a second sync finds nothing to do");
    }

    private Task SetStatusAsync(Guid id, ItemVersionStatus status) => InDb(async db =>
    {
        var item = await db.Set<Item>().SingleAsync(i => i.Id == id);
        item.Status = status;
        item.EffectiveFrom = new DateOnly(2024, 1, 1);
        await ItemSearchIndex.UpdateAsync(db, item, inForce: status == ItemVersionStatus.Published, CancellationToken.None);
        await db.SaveChangesAsync();
    });

    private Task<Guid> AddItemAsync(string code, string name, bool index, bool published) => InDb(async db =>
    {
        var department = await db.Set<Agency>().Where(a => a.Code == "SCJGJ").Select(a => a.Id).SingleAsync();
        var bureau = await db.Set<Agency>().Where(a => a.Code == "XZSPJ").Select(a => a.Id).SingleAsync();
        var item = new Item
        {
            Id = Guid.NewGuid(), Code = code, Name = name, Category = "行政许可", Kind = ItemKind.Promised, ServiceObject = ServiceObject.Both,
            CompetentDepartmentId = department, ImplementingOrganisationId = bureau, SupervisingDepartmentId = department,
            StatutoryDays = 20, PromisedDays = 5, LegalBasis = "测试", Conditions = "测试", Visits = 1,
            ResultName = "测试证", ResultTypeCode = "T", Version = 1,
            Status = published ? ItemVersionStatus.Published : ItemVersionStatus.Draft,
            EffectiveFrom = published ? new DateOnly(2024, 1, 1) : null,
        };
        db.Add(item);
        if (index) ItemSearchIndex.Add(db, item, inForce: published);
        await db.SaveChangesAsync();
        return item.Id;
    });

    /// <summary>Five random common Han characters: a name no other item of the shared database contains.</summary>
    private static string UniqueHan() =>
        string.Concat(Enumerable.Range(0, 5).Select(_ => (char)Random.Shared.Next(0x4E00, 0x9FA5)));
}

[Trait("Provider", "Sqlite")]
public sealed class CatalogSearchApiTests_Sqlite(SqliteApp app) : CatalogSearchApiTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class CatalogSearchApiTests_Postgres(PostgresApp app) : CatalogSearchApiTests(app), IClassFixture<PostgresApp>;
