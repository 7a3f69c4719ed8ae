using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Api;

/// <summary>The public catalog: <c>GET /api/v1/items?q=</c> and <c>GET /api/v1/items/{code}</c>, no sign-in needed.</summary>
public abstract class CatalogApiTests(OneSealFactory app) : CaseApiTestBase(app)
{
    private sealed record ItemSummary(string Code, string Name, string Category, string Kind, string ServiceObject, string Department, int StatutoryDays, int PromisedDays);

    private async Task<(int Total, List<ItemSummary> Items)> SearchAsync(string query)
    {
        using var response = await Anonymous().GetAsync("/api/v1/items" + query);
        await ShouldBeAsync(response, HttpStatusCode.OK);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (json.GetProperty("total").GetInt32(), json.GetProperty("items").Deserialize<List<ItemSummary>>(Web)!);
    }

    [Fact]
    public async Task Searching_食品_finds_the_food_business_licence()
    {
        var (total, items) = await SearchAsync("?q=" + Uri.EscapeDataString("食品"));

        items.ShouldContain(i => i.Code == Demo.FoodLicence && i.Name.Contains("食品经营许可"));
        items.ShouldAllBe(i => i.Name.Contains("食品") || i.Code.Contains("食品"));
        total.ShouldBe(items.Count);
    }

    [Fact]
    public async Task Search_without_a_match_is_an_empty_page_not_an_error()
    {
        var (total, items) = await SearchAsync("?q=" + Uri.EscapeDataString(Unique("没有这个事项")));

        total.ShouldBe(0);
        items.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_catalog_has_at_least_20_items_from_at_least_6_departments()
    {
        var (total, items) = await SearchAsync("?pageSize=100");

        total.ShouldBeGreaterThanOrEqualTo(20);
        items.Count.ShouldBe(total);
        items.Select(i => i.Code).ShouldBeUnique();
        items.Select(i => i.Department).Distinct().Count().ShouldBeGreaterThanOrEqualTo(6);
    }

    [Fact]
    public async Task A_page_size_over_100_is_400_naming_pageSize()
    {
        using var response = await Anonymous().GetAsync("/api/v1/items?pageSize=1000");

        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: "pageSize");
    }

    [Fact]
    public async Task The_guide_of_an_item_lists_its_materials_and_form_fields()
    {
        var guide = await GuideAsync(Anonymous(), Demo.FoodLicence);

        guide.Name.ShouldBe("食品经营许可（新办）");
        guide.ServiceObject.ShouldBe("both");
        guide.PromisedDays.ShouldBeLessThanOrEqualTo(guide.StatutoryDays);
        guide.Materials.Where(m => m.Required).Select(m => m.Code).ShouldBe(["M01", "M02", "M03", "M04", "M05"]);
        guide.Materials.ShouldContain(m => m.Code == "M06" && !m.Required);
        guide.FormFields.ShouldContain(f => f.Key == "uscc" && f.Type == "Uscc" && f.Required);
        guide.FormFields.ShouldContain(f => f.Key == "legalRepresentativeIdNumber" && f.Type == "CitizenId");
    }

    [Fact]
    public async Task An_unknown_item_code_is_404_problem()
    {
        using var response = await Anonymous().GetAsync($"/api/v1/items/{Unique("QS-NOPE-")}");

        await ShouldBeProblemAsync(response, HttpStatusCode.NotFound, rule: "not-found");
    }
}

[Trait("Provider", "Sqlite")]
public sealed class CatalogApiTests_Sqlite(SqliteApp app) : CatalogApiTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class CatalogApiTests_Postgres(PostgresApp app) : CatalogApiTests(app), IClassFixture<PostgresApp>;
