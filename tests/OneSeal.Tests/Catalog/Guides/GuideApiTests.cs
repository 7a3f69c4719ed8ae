using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Catalog.Guides;

/// <summary>
/// The public guides over the demo catalog: list filters (with and without a search), the guide in force with every
/// element, <c>?version=N</c>, the version history, and the 400s and 404s; also the guide and history pages.
/// QS-XK-003 食品经营许可（新办）: version 1 (2024-01-01), 2 (transfer, 2024-07-01), 3 (reform, 2025-07-01).
/// </summary>
public abstract class GuideApiTests(OneSealFactory app) : CaseApiTestBase(app)
{
    private const string FoodBusiness = "QS-XK-003";
    private const string FoodParent = "QS-XK-027";

    private sealed record Hit(string Code, string Name, string Category, string Kind, string ServiceObject, string Department);

    private async Task<(int Total, List<Hit> Items)> ListAsync(string query)
    {
        using var response = await Anonymous().GetAsync("/api/v1/items?pageSize=100&" + query);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (json.GetProperty("total").GetInt32(), json.GetProperty("items").Deserialize<List<Hit>>(Web)!);
    }

    private async Task<JsonElement> GetJsonAsync(string url)
    {
        using var response = await Anonymous().GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static string Q(string s) => Uri.EscapeDataString(s);

    [Fact]
    public async Task A_theme_filters_the_list_with_and_without_a_search()
    {
        var (total, items) = await ListAsync("theme=E-PERMIT");
        total.ShouldBe(items.Count);
        items.ShouldContain(i => i.Code == FoodBusiness);
        var (all, _) = await ListAsync("");
        total.ShouldBeLessThan(all);

        var (searched, found) = await ListAsync($"theme=E-PERMIT&q={Q("食品")}");
        found.ShouldContain(i => i.Code == FoodBusiness);
        found.ShouldAllBe(i => i.Name.Contains("食品"));
        found.Select(i => i.Code).ShouldBeSubsetOf(items.Select(i => i.Code));
        searched.ShouldBe(found.Count);
        (await ListAsync($"theme=C-FUNERAL&q={Q("食品")}")).Total.ShouldBe(0);
    }

    [Fact]
    public async Task Category_kind_level_and_service_object_filter_with_and_without_a_search()
    {
        foreach (var q in new[] { "", "&q=" + Q("许可"), "&q=xk" })
        {
            var (_, immediate) = await ListAsync("kind=immediate" + q);
            immediate.ShouldNotBeEmpty();
            immediate.ShouldAllBe(i => i.Kind == "immediate");

            var (_, licences) = await ListAsync($"category={Q("行政许可")}" + q);
            licences.ShouldNotBeEmpty();
            licences.ShouldAllBe(i => i.Category == "行政许可");

            var (_, citizen) = await ListAsync("serviceObject=citizen" + q);
            citizen.ShouldAllBe(i => i.ServiceObject == "citizen" || i.ServiceObject == "both");
        }
        var (_, township) = await ListAsync("level=township");
        township.Count.ShouldBe(4); // docs/demo-catalog.md: four items at township service centres
        (await ListAsync("level=township&kind=report-up&category=" + Q("行政许可"))).Total.ShouldBe(0);
    }

    [Fact]
    public async Task A_department_matches_the_competent_department_or_the_implementing_body()
    {
        var (_, market) = await ListAsync($"department=SCJGJ&q={Q("食品经营")}");
        market.ShouldContain(i => i.Code == FoodBusiness); // competent: 市场监管; implemented by the bureau since the transfer
        market.ShouldAllBe(i => i.Name.Contains("食品经营"));
        var (_, bureau) = await ListAsync("department=XZSPJ");
        bureau.ShouldContain(i => i.Code == FoodBusiness);
        var (_, police) = await ListAsync($"department=MZJ&q={Q("食品")}");
        police.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("theme=NOPE", "theme")]
    [InlineData("department=NOPE", "department")]
    [InlineData("category=NOPE", "category")]
    [InlineData("kind=urgent", "kind")]
    [InlineData("level=1", "level")]
    [InlineData("serviceObject=robots", "serviceObject")]
    public async Task An_unknown_filter_value_is_400_naming_the_field(string query, string field)
    {
        using var response = await Anonymous().GetAsync("/api/v1/items?" + query);
        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: field);
        using var searched = await Anonymous().GetAsync($"/api/v1/items?q={Q("食品")}&" + query);
        await ShouldBeProblemAsync(searched, HttpStatusCode.BadRequest, field: field);
    }

    [Fact]
    public async Task The_guide_in_force_has_every_element()
    {
        var g = await GetJsonAsync($"/api/v1/items/{FoodBusiness}");

        g.GetProperty("version").GetInt32().ShouldBe(3);
        g.GetProperty("inForce").GetBoolean().ShouldBeTrue();
        g.GetProperty("effectiveFrom").GetString().ShouldBe("2025-07-01");
        g.GetProperty("basicCode").GetString().ShouldBe("000138003001");
        g.GetProperty("parent").GetProperty("code").GetString().ShouldBe(FoodParent);
        g.GetProperty("level").GetString().ShouldBe("county");
        g.GetProperty("implementingBody").GetString().ShouldBe("青山县行政审批局");
        g.GetProperty("competentDepartment").GetString().ShouldBe("青山县市场监督管理局");
        g.GetProperty("promisedDays").GetInt32().ShouldBe(3);
        g.GetProperty("complaintPhone").GetString().ShouldBe("0796-12345");
        g.GetProperty("window").GetString().ShouldNotBeNullOrEmpty();
        g.GetProperty("tongban").GetString().ShouldBe("county");
        g.GetProperty("legalBasisText").GetString()!.ShouldContain("食品安全法");
        g.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("sharePercent").GetInt32()).Sum().ShouldBe(100);
        g.GetProperty("themes").EnumerateArray().ShouldContain(t => t.GetProperty("code").GetString() == "E-PERMIT");
        var m01 = g.GetProperty("materials").EnumerateArray().First(m => m.GetProperty("code").GetString() == "M01");
        m01.GetProperty("blankFormUrl").GetString().ShouldBe($"/items/{FoodBusiness}/materials/M01/blank-form.pdf");
        m01.GetProperty("materialTypeName").GetString().ShouldNotBeNullOrEmpty();
        var m05 = g.GetProperty("materials").EnumerateArray().First(m => m.GetProperty("code").GetString() == "M05");
        m05.GetProperty("source").GetString().ShouldBe("certificateLibrary");
        m05.GetProperty("form").GetString().ShouldBe("electronic");

        var parent = await GetJsonAsync($"/api/v1/items/{FoodParent}");
        parent.GetProperty("subItems").EnumerateArray().Select(s => s.GetProperty("code").GetString()).ShouldContain(FoodBusiness);
    }

    [Fact]
    public async Task An_older_version_is_served_by_number_and_says_it_is_not_in_force()
    {
        var v1 = await GetJsonAsync($"/api/v1/items/{FoodBusiness}?version=1");

        v1.GetProperty("version").GetInt32().ShouldBe(1);
        v1.GetProperty("inForce").GetBoolean().ShouldBeFalse();
        v1.GetProperty("inForceVersion").GetInt32().ShouldBe(3);
        v1.GetProperty("promisedDays").GetInt32().ShouldBe(10); // before the 2025 reform
        v1.GetProperty("implementingBody").GetString().ShouldBe("青山县市场监督管理局"); // before the transfer
        v1.GetProperty("guidePdfUrl").GetString().ShouldBe($"/items/{FoodBusiness}/guide.pdf?version=1");
    }

    [Fact]
    public async Task The_version_history_lists_published_versions_with_their_dates()
    {
        var h = await GetJsonAsync($"/api/v1/items/{FoodBusiness}/versions");

        h.GetProperty("name").GetString().ShouldBe("食品经营许可（新办）");
        var versions = h.GetProperty("versions").EnumerateArray().ToList();
        versions.Select(v => v.GetProperty("version").GetInt32()).ShouldBe([3, 2, 1]);
        versions[0].GetProperty("state").GetString().ShouldBe("inforce");
        versions[0].GetProperty("effectiveFrom").GetString().ShouldBe("2025-07-01");
        versions[1].GetProperty("state").GetString().ShouldBe("superseded");
        versions[1].GetProperty("until").GetString().ShouldBe("2025-07-01");
        versions[1].GetProperty("transferDocument").GetString().ShouldBe("青审改发〔2024〕3号");
        versions[2].GetProperty("until").GetString().ShouldBe("2024-07-01");
    }

    [Theory]
    [InlineData("/api/v1/items/QS-XK-003?version=99")]
    [InlineData("/api/v1/items/QS-NOPE-1/versions")]
    [InlineData("/api/v1/items/QS-NOPE-1?version=1")]
    public async Task Unknown_items_and_versions_are_404_problems(string url)
    {
        using var response = await Anonymous().GetAsync(url);
        await ShouldBeProblemAsync(response, HttpStatusCode.NotFound, rule: "not-found");
    }

    /// <summary>The guide's PDF links are followed in a browser: a dead one is the site's 404 page saying what is missing.</summary>
    [Theory]
    [InlineData("/items/QS-XK-003/guide.pdf?version=99", "第99版")]
    [InlineData("/items/QS-XK-003/materials/M02/blank-form.pdf", "M02")]
    [InlineData("/items/QS-NOPE-1/materials/M01/blank-form.pdf", "QS-NOPE-1")]
    public async Task Unknown_guide_documents_are_404_pages_naming_what_is_missing(string url, string named)
    {
        using var response = await Anonymous().GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("text/html");
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("id=\"error-message\"");
        html.ShouldContain(named);
    }

    [Fact]
    public async Task The_guide_page_shows_the_version_in_force_and_since_when()
    {
        var html = await Anonymous().GetStringAsync($"/items/{FoodBusiness}");

        html.ShouldContain("第3版，2025年7月1日起施行");
        html.ShouldContain($"href=\"/items/{FoodBusiness}/versions\"");
        html.ShouldContain($"/items/{FoodBusiness}/materials/M01/blank-form.pdf");
        html.ShouldContain("0796-12345");
        html.ShouldContain($"href=\"/items/{FoodParent}\"");
        html.ShouldNotContain("id=\"not-in-force\"");

        var v2 = await Anonymous().GetStringAsync($"/items/{FoodBusiness}?version=2");
        v2.ShouldContain("第2版，2024年7月1日起施行");
        v2.ShouldContain("id=\"not-in-force\"");
        v2.ShouldContain("本版本已不是现行版本。");
        v2.ShouldNotContain("id=\"apply\"");
    }

    [Fact]
    public async Task The_history_page_lists_every_published_version()
    {
        var html = await Anonymous().GetStringAsync($"/items/{FoodBusiness}/versions");

        html.ShouldContain("data-version=\"3\" data-state=\"inforce\"");
        html.ShouldContain("data-version=\"1\" data-state=\"superseded\"");
        html.ShouldContain($"/items/{FoodBusiness}?version=1");
        html.ShouldContain("青审改发〔2024〕3号");
    }

    [Fact]
    public async Task The_home_page_filters_by_theme_and_rejects_an_unknown_one()
    {
        var html = await Anonymous().GetStringAsync("/?theme=E-PERMIT");
        html.ShouldContain($"data-item-code=\"{FoodBusiness}\"");
        html.ShouldContain("法人办事");
        html.ShouldContain("个人办事");

        var bad = await Anonymous().GetStringAsync("/?theme=NOPE");
        bad.ShouldContain("没有编码为“NOPE”的主题。");
        bad.ShouldNotContain("data-item-code=");
    }
}

[Trait("Provider", "Sqlite")]
public sealed class GuideApiTests_Sqlite(SqliteApp app) : GuideApiTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class GuideApiTests_Postgres(PostgresApp app) : GuideApiTests(app), IClassFixture<PostgresApp>;
