using Microsoft.Playwright;
using OneSeal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OneSeal.Tests.Browser;

/// <summary>
/// Issue 10: the system administrator, at 1366×768, enters a new line department and its approval section on
/// <c>/admin/organisations</c> (a wrong phone number is pointed out beside its field first), then opens the
/// department's window in the hall on <c>/admin/windows</c>.
/// </summary>
public abstract class OrganisationSetupJourneyTests(OneSealFactory app, BrowserFixture browser)
{
    [Fact]
    public async Task An_administrator_creates_a_department_with_its_section_and_a_window()
    {
        await using var users = new BrowserUsers(browser, app);
        await users.RunAsync(nameof(An_administrator_creates_a_department_with_its_section_and_a_window), async () =>
        {
            var admin = await users.SignedInAsync("admin");
            await admin.SetViewportSizeAsync(1366, 768);
            await admin.Locator("header nav a", new() { HasText = "组织机构" }).ClickAsync();
            await admin.WaitForURLAsync("**/admin/organisations");
            await Expect(admin.Locator("h1")).ToHaveTextAsync("组织机构");
            await Expect(admin.Locator("#organisation-tree tr[data-code='ZWFWZX-DT']")).ToContainTextAsync("大厅（分厅）");

            var suffix = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
            const string department = "青山县医疗保障局";
            await admin.Locator("#Kind").SelectOptionAsync("Department");
            await admin.Locator("#Code").FillAsync("YBJ" + suffix);
            await admin.Locator("#Name").FillAsync(department);
            await admin.Locator("#Uscc").FillAsync("11360999MB1962904K");
            await admin.Locator("#Phone").FillAsync("0796-7238001");
            await admin.Locator("#RegionCode").SelectOptionAsync("360999000000");
            await admin.Locator("#create-organisation-submit").ClickAsync();
            await Expect(admin.Locator("#notice")).ToContainTextAsync(department);
            await Expect(admin.Locator($"#organisation-tree tr[data-code='YBJ{suffix}']")).ToContainTextAsync("行政主管部门");

            // The section, first with a wrong phone number: the form comes back with the message beside the field.
            var parent = await admin.Locator("#ParentId option", new() { HasText = department }).GetAttributeAsync("value");
            await admin.Locator("#Kind").SelectOptionAsync("Section");
            await admin.Locator("#ParentId").SelectOptionAsync(parent!);
            await admin.Locator("#Code").FillAsync("YBJ" + suffix + "-SP");
            await admin.Locator("#Name").FillAsync("医疗保障审批股");
            await admin.Locator("#Phone").FillAsync("7238");
            await admin.Locator("#RegionCode").SelectOptionAsync("360999000000");
            await admin.Locator("#create-organisation-submit").ClickAsync();
            await Expect(admin.Locator("#Phone-error")).ToContainTextAsync("联系电话应为11位手机号");
            await Expect(admin.Locator("#Phone")).ToHaveAttributeAsync("aria-invalid", "true");
            await Expect(admin.Locator("#Name")).ToHaveValueAsync("医疗保障审批股");
            await admin.Locator("#Phone").FillAsync("0796-7238002");
            await admin.Locator("#create-organisation-submit").ClickAsync();
            var section = admin.Locator($"#organisation-tree tr[data-code='YBJ{suffix}-SP']");
            await Expect(section).ToHaveAttributeAsync("data-depth", "1");
            await Expect(section).ToContainTextAsync("科室");
            await admin.GotoAsync("/admin/organisations?edit=" + parent);

            await admin.Locator("header nav a", new() { HasText = "窗口设置" }).ClickAsync();
            await admin.WaitForURLAsync("**/admin/windows");
            await Expect(admin.Locator("#window-list tr[data-number='A01']")).ToContainTextAsync("市场准入");
            await admin.Locator("#HallId").SelectOptionAsync(new SelectOptionValue { Label = "青山县政务服务大厅" });
            await admin.Locator("#Number").FillAsync("E2" + suffix[..1]);
            await admin.Locator("#Name").FillAsync("医保局窗口");
            await admin.Locator("#Zone").FillAsync("部门专区（二楼）");
            await admin.Locator("#Kind").SelectOptionAsync("Department");
            await admin.Locator("#DepartmentId").SelectOptionAsync(new SelectOptionValue { Label = department });
            await admin.Locator("#window-submit").ClickAsync();
            await Expect(admin.Locator("#notice")).ToContainTextAsync("已新增");
            var window = admin.Locator($"#window-list tr[data-number='E2{suffix[..1]}']");
            await Expect(window).ToContainTextAsync(department);
            await Expect(window).ToContainTextAsync("部门窗口");
        });
    }
}

[Collection(BrowserCollection.Name)]
[Trait("Provider", "Sqlite")]
public sealed class OrganisationSetupJourneyTests_Sqlite(SqliteKestrelApp app, BrowserFixture browser)
    : OrganisationSetupJourneyTests(app, browser), IClassFixture<SqliteKestrelApp>;
