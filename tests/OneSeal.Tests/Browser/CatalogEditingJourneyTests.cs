using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using OneSeal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OneSeal.Tests.Browser;

/// <summary>
/// Issue 3 §13: an administrator edits an item's draft in the browser and publishes it; the public guide shows the new
/// version while a case filed earlier still shows the old one on the applicant's case page. On the way: a bad limit is
/// refused beside its input and nothing is saved, a row is added with the form's own button, and script typed into the
/// name stays text everywhere.
/// </summary>
public abstract class CatalogEditingJourneyTests(OneSealFactory app, BrowserFixture browser)
{
    // 个体工商户设立登记: a citizen item the demo applicant may apply for (即办件: promised limit 0).
    private const string ItemCode = "QS-XK-002";
    private const string OldName = "个体工商户设立登记";
    private const string NewName = "个体工商户设立登记（2026年修订）<script>alert(1)</script>";
    private const string OldM03 = "经营场所使用相关文件";
    private const string NewM03 = "经营场所证明（可以申报承诺书代替）";

    [Fact]
    public async Task An_admin_edits_a_draft_and_publishes_it_and_a_case_filed_earlier_keeps_the_old_version()
    {
        await using var users = new BrowserUsers(browser, app);
        await users.RunAsync(nameof(An_admin_edits_a_draft_and_publishes_it_and_a_case_filed_earlier_keeps_the_old_version), async () =>
        {
            var (caseId, filedVersion) = await FileCaseAsync();

            var admin = await users.SignedInAsync("admin");
            var dialogs = 0;
            admin.Dialog += (_, d) => { dialogs++; _ = d.DismissAsync(); };
            await admin.GotoAsync("/");
            await admin.Locator("#nav-admin-catalog").ClickAsync();
            await admin.Locator("#q").FillAsync(ItemCode);
            await admin.Locator("#filter").ClickAsync();
            var row = admin.Locator($"#catalog-items tr[data-item-code='{ItemCode}']");
            await Expect(row).ToContainTextAsync($"第{filedVersion}版");
            await row.GetByRole(AriaRole.Link, new() { Name = "编辑" }).ClickAsync();
            await admin.WaitForURLAsync($"**/admin/catalog/{ItemCode}/edit");
            await Expect(admin.Locator("#draft-state")).ToHaveAttributeAsync("data-status", "none");

            // A promised limit over the statutory one: refused beside the input, summarised at the top, nothing saved.
            await admin.Locator("#Input_PromisedDays").FillAsync("5");
            await admin.Locator("#save-draft").ClickAsync();
            await Expect(admin.Locator("#error-summary")).ToContainTextAsync("不能超过法定时限");
            await Expect(admin.Locator("#Input_PromisedDays-error")).ToContainTextAsync("承诺时限");
            await Expect(admin.Locator("#Input_PromisedDays")).ToHaveAttributeAsync("aria-invalid", "true");
            await Expect(admin.Locator("#draft-state")).ToHaveAttributeAsync("data-status", "none");

            // Fix it, rename, change a material and add one with the table's own button.
            await admin.Locator("#Input_PromisedDays").FillAsync("0");
            await admin.Locator("#Input_Name").FillAsync(NewName);
            var m03 = admin.Locator("#materials-table tbody tr").Filter(new() { Has = admin.Locator("input[value='M03']") });
            await m03.Locator("input[name$='.Name']").FillAsync(NewM03);
            var rows = await admin.Locator("#materials-table tbody tr").CountAsync();
            await admin.Locator("#add-material").ClickAsync();
            await Expect(admin.Locator("#materials-table tbody tr")).ToHaveCountAsync(rows + 1);
            await admin.Locator($"[id='Input_Materials[{rows}]_Code']").FillAsync("M05");
            await admin.Locator($"[id='Input_Materials[{rows}]_Name']").FillAsync("个体工商户名称自主申报承诺书");
            await admin.Locator($"[id='Input_Materials[{rows}]_LegalBasis']").FillAsync("《促进个体工商户发展条例》第十条");
            await admin.Locator("#Input_ChangeNote").FillAsync("更新经营场所材料要求，增加名称自主申报承诺书");
            await admin.Locator("#save-draft").ClickAsync();
            await Expect(admin.Locator("#notice")).ToContainTextAsync($"第{filedVersion + 1}版草稿已保存");
            await Expect(admin.Locator("#draft-state")).ToHaveAttributeAsync("data-status", "draft");
            await Expect(admin.Locator("#Input_Name")).ToHaveValueAsync(NewName);

            await admin.Locator("#submit-draft").ClickAsync();
            await Expect(admin.Locator("#notice")).ToContainTextAsync("已提交审核");
            await Expect(admin.Locator("#Input_Name")).ToBeDisabledAsync();
            await Expect(admin.Locator("#four-eyes")).ToContainTextAsync("四眼原则");
            await Expect(admin.Locator("#publish")).ToHaveCountAsync(0);

            // A second administrator publishes what the first submitted.
            var reviewer = await users.SignedInAsync("admin2");
            await reviewer.GotoAsync($"/admin/catalog/{ItemCode}/edit");
            await Expect(reviewer.Locator("#four-eyes")).ToHaveCountAsync(0);
            await Expect(reviewer.Locator("#EffectiveFrom")).Not.ToHaveValueAsync("");
            await reviewer.Locator("#publish").ClickAsync();
            await reviewer.WaitForURLAsync($"**/admin/catalog/{ItemCode}");
            await Expect(reviewer.Locator("#notice")).ToContainTextAsync("已发布");
            await Expect(reviewer.Locator($"#versions tr[data-version='{filedVersion + 1}']")).ToContainTextAsync("现行");
            await Expect(reviewer.Locator($"#versions tr[data-version='{filedVersion}']")).ToHaveAttributeAsync("data-status", "superseded");
            await Expect(reviewer.Locator("#changes")).ToContainTextAsync(NewM03);
            await Expect(reviewer.Locator("#changes tr[data-kind='added']")).ToContainTextAsync("个体工商户名称自主申报承诺书");
            await Expect(reviewer.Locator("h1")).ToContainTextAsync(NewName);

            // The public guide: the new version, the script shown as text.
            var visitor = await users.AnonymousAsync();
            await visitor.GotoAsync($"/items/{ItemCode}");
            await Expect(visitor.Locator("h1")).ToHaveTextAsync(NewName);
            await Expect(visitor.Locator("tr[data-material-code='M03']")).ToContainTextAsync(NewM03);
            await Expect(visitor.Locator("tr[data-material-code='M05']")).ToHaveCountAsync(1);

            // The case filed before: the old name, the old materials, and the version it was accepted under.
            var applicant = await users.SignedInAsync("applicant");
            await applicant.GotoAsync($"/my/cases/{caseId}");
            await Expect(applicant.Locator("h1")).ToHaveTextAsync(OldName);
            await Expect(applicant.Locator("#item-version")).ToHaveTextAsync($"按第{filedVersion}版办事指南受理");
            await Expect(applicant.Locator("label[for='material_M03']")).ToContainTextAsync(OldM03);
            await Expect(applicant.Locator("#material_M05")).ToHaveCountAsync(0);
            dialogs.ShouldBe(0, "script in item text must never run");
        });
    }

    [Fact]
    public async Task Defect10_in_review_the_edit_page_is_read_only_and_its_submitter_cannot_publish()
    {
        const string code = "QS-GG-004";   // 社会保障卡申领: no other test of this class touches it
        await using var users = new BrowserUsers(browser, app);
        await users.RunAsync(nameof(Defect10_in_review_the_edit_page_is_read_only_and_its_submitter_cannot_publish), async () =>
        {
            var admin = await users.SignedInAsync("admin");
            await admin.GotoAsync($"/admin/catalog/{code}/edit");
            var rows = await admin.Locator("#materials-table tbody tr").CountAsync();
            await Expect(admin.Locator("#add-material")).ToBeEnabledAsync();
            await admin.Locator("#submit-draft").ClickAsync();
            await Expect(admin.Locator("#draft-state")).ToHaveAttributeAsync("data-status", "in-review");

            // Nothing to press: no row is added or removed, nothing saved, and no publish for the submitter.
            foreach (var id in new[] { "#add-material", "#add-step", "#add-field", "#save-draft", "#submit-draft", "#publish" })
                await Expect(admin.Locator(id)).ToHaveCountAsync(0);
            await Expect(admin.Locator("#item-form button[value^='remove-']")).ToHaveCountAsync(0);
            await Expect(admin.Locator("#four-eyes")).ToHaveTextAsync("本版本由您提交审核。按照四眼原则，须由另一位事项管理员审核发布；如需修改，请先退回。");

            // The same commands posted anyway (as an old page or a crafted form would) are refused with a message.
            async Task<string> PostAsync(string command)
            {
                var response = await admin.APIRequest.PostAsync($"/admin/catalog/{code}/edit", new()
                {
                    Form = admin.APIRequest.CreateFormData()
                        .Set("__RequestVerificationToken", await admin.Locator("#item-form input[name='__RequestVerificationToken']").InputValueAsync())
                        .Set("Command", command),
                });
                return await response.TextAsync();
            }
            (await PostAsync("add-material")).ShouldContain("审核中的版本不能修改；如需修改，请先退回。");
            (await PostAsync("publish")).ShouldContain("四眼原则：提交审核的人不能发布同一版本");
            await admin.ReloadAsync();
            await Expect(admin.Locator("#draft-state")).ToHaveAttributeAsync("data-status", "in-review");
            await Expect(admin.Locator("#materials-table tbody tr")).ToHaveCountAsync(rows);

            var second = await users.SignedInAsync("admin2");
            await second.GotoAsync($"/admin/catalog/{code}/edit");
            await second.Locator("#publish").ClickAsync();
            await second.WaitForURLAsync($"**/admin/catalog/{code}");
            await Expect(second.Locator("#notice")).ToContainTextAsync("已发布");
        });
    }

    /// <summary>The applicant files (a draft case) through the API before the edit; returns it and the version in force.</summary>
    private async Task<(Guid CaseId, int Version)> FileCaseAsync()
    {
        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        using var client = await app.ClientFor("applicant");
        var guide = await client.GetFromJsonAsync<JsonElement>($"/api/v1/items/{ItemCode}", web);
        var form = new Dictionary<string, string?>
        {
            ["applicantName"] = "张三", ["idNumber"] = "360999199003071239", ["phone"] = "13807960001",
            ["address"] = "青山县解放路1号", ["businessName"] = "张三修鞋铺", ["businessAddress"] = "青山县解放路3号", ["businessScope"] = "修鞋、配钥匙",
        };
        using var create = await client.PostAsJsonAsync("/api/v1/cases", new { itemCode = ItemCode, form });
        create.EnsureSuccessStatusCode();
        var id = (await create.Content.ReadFromJsonAsync<JsonElement>(web)).GetProperty("id").GetGuid();
        return (id, guide.GetProperty("version").GetInt32());
    }
}

[Collection(BrowserCollection.Name)]
[Trait("Provider", "Sqlite")]
public sealed class CatalogEditingJourneyTests_Sqlite(SqliteKestrelApp app, BrowserFixture browser)
    : CatalogEditingJourneyTests(app, browser), IClassFixture<SqliteKestrelApp>;

[Collection(BrowserCollection.Name)]
[Trait("Provider", "Postgres")]
public sealed class CatalogEditingJourneyTests_Postgres(PostgresKestrelApp app, BrowserFixture browser)
    : CatalogEditingJourneyTests(app, browser), IClassFixture<PostgresKestrelApp>;
