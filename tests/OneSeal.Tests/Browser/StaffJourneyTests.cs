using Microsoft.Playwright;
using OneSeal.Organisation;
using OneSeal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OneSeal.Tests.Browser;

/// <summary>
/// Issue 10 §2 in a browser at 1366×768: the system administrator creates a staff member on /admin/users, and the
/// security administrator gives them a second role on /admin/users/{id}/roles. Every label is Chinese, no role code shows.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Provider", "Sqlite")]
public sealed class StaffJourneyTests(SqliteKestrelApp app, BrowserFixture browser) : IClassFixture<SqliteKestrelApp>
{
    [Fact]
    public async Task The_administrator_creates_a_clerk_and_the_security_administrator_adds_the_reviewer_role()
    {
        await using var users = new BrowserUsers(browser, app);
        await users.RunAsync(nameof(The_administrator_creates_a_clerk_and_the_security_administrator_adds_the_reviewer_role), async () =>
        {
            var securityName = await Organisation.SignInTestKit.NewStaffAsync(app, Roles.SecurityAdmin);
            var username = "win" + Guid.NewGuid().ToString("N")[..8];

            var admin = await users.SignedInAsync("admin");
            await admin.SetViewportSizeAsync(1366, 768);
            await admin.Locator("#nav-admin-users").ClickAsync();
            await Expect(admin.Locator("h1")).ToHaveTextAsync("工作人员账号");
            await admin.Locator("#Input_Username").FillAsync(username);
            await admin.Locator("#Input_DisplayName").FillAsync("陈窗口");
            await admin.Locator("#Input_OrganisationId").SelectOptionAsync(new SelectOptionValue { Label = "青山县行政审批局" });
            await admin.Locator("#create-roles").GetByLabel("综合窗口受理人员").CheckAsync();
            await admin.Locator("#Input_Password").FillAsync("weak");
            await admin.Locator("#create-staff-submit").ClickAsync();
            await Expect(admin.Locator("[id='Input.Password-error']")).ToContainTextAsync("密码至少 12 个字符");

            await admin.Locator("#Input_Password").FillAsync("Qingshan#Hall2026");
            await admin.Locator("#Input_StaffNumber").FillAsync("QS" + username[^6..]);
            await admin.Locator("#create-staff-submit").ClickAsync();
            var row = admin.Locator($"#staff-list tr[data-username='{username}']");
            await Expect(row).ToContainTextAsync("综合窗口受理人员（本单位）");
            await Expect(row).ToContainTextAsync("在用");
            (await admin.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(1366, "no sideways scrolling at 1366 px");

            var security = await users.SignedInAsync(securityName);
            await security.SetViewportSizeAsync(1366, 768);
            await security.GotoAsync($"/admin/users?q={username}");
            await Expect(security.Locator("#create-staff")).ToHaveCountAsync(0);
            await security.Locator($"#staff-list tr[data-username='{username}']").GetByRole(AriaRole.Link, new() { Name = "调整角色" }).ClickAsync();
            await Expect(security.Locator("h1")).ToContainTextAsync("陈窗口");
            await security.Locator("#role-reviewer").CheckAsync();
            await security.Locator("#save-roles").ClickAsync();
            await Expect(security.Locator(".notice")).ToContainTextAsync("角色已调整");
            await Expect(security.Locator("#role-reviewer")).ToBeCheckedAsync();

            await security.GotoAsync($"/admin/users?q={username}");
            var updated = security.Locator($"#staff-list tr[data-username='{username}']");
            await Expect(updated).ToContainTextAsync("审查人员（本单位）");
            (await updated.Locator("td.roles").InnerTextAsync()).ShouldNotContain("reviewer");
        });
    }
}
