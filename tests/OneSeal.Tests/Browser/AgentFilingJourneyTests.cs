using Microsoft.Playwright;
using OneSeal.Tests.Infrastructure;
using OneSeal.Tests.Organisation.Applicants;
using static Microsoft.Playwright.Assertions;

namespace OneSeal.Tests.Browser;

/// <summary>
/// Issue 10 §5 in a browser: an enterprise authorises an agent on /my/agents; the agent chooses the enterprise on the
/// apply page and submits; the enterprise finds the case in its own 我的办件, naming the agent, and opens it.
/// </summary>
public abstract class AgentFilingJourneyTests(OneSealFactory app, BrowserFixture browser)
{
    // 食品经营许可（新办）: materials M01, M03, M04 are uploaded; M02 and M05 come from the certificate library.
    private const string ItemCode = "QS-XK-003";

    [Fact]
    public async Task An_agent_applies_for_the_enterprise_that_authorised_them_and_the_enterprise_sees_the_case()
    {
        await using var users = new BrowserUsers(browser, app);
        await users.RunAsync(nameof(An_agent_applies_for_the_enterprise_that_authorised_them_and_the_enterprise_sees_the_case), async () =>
        {
            var (agentName, agentPhone, _) = await ApplicantKit.NewCitizenAsync(app, "冯经办", OneSealFactory.DemoPassword);
            var (enterpriseName, uscc) = await ApplicantKit.NewEnterpriseAsync(app, "青山县浏览器测试有限公司", OneSealFactory.DemoPassword);

            var enterprise = await users.SignedInAsync(enterpriseName);
            await enterprise.GotoAsync("/my/agents");
            await enterprise.Locator("#agentPhone").FillAsync(agentPhone);
            await enterprise.Locator("#endsOn").FillAsync(DateTime.Today.AddMonths(3).ToString("yyyy-MM-dd"));
            await enterprise.Locator("#grant").ClickAsync();
            await Expect(enterprise.Locator("#agents")).ToContainTextAsync("冯**");

            var agent = await users.SignedInAsync(agentName);
            await agent.GotoAsync($"/apply/{ItemCode}");
            await agent.Locator("#for-enterprise").SelectOptionAsync(new SelectOptionValue { Label = "青山县浏览器测试有限公司（经办人代为办理）" });
            var values = new Dictionary<string, string>
            {
                ["enterpriseName"] = "青山县浏览器测试有限公司", ["uscc"] = uscc, ["legalRepresentative"] = "吴法人",
                ["legalRepresentativeIdNumber"] = "360999199003071239", ["address"] = "青山县解放路1号", ["phone"] = "13807960001",
                ["businessFormat"] = "餐饮服务经营者（小型餐饮）", ["operatingArea"] = "45",
            };
            foreach (var (key, value) in values) await agent.Locator($"#form_{key}").FillAsync(value);
            foreach (var code in new[] { "M01", "M03", "M04" })
                await agent.Locator($"#material_{code}").SetInputFilesAsync(
                    new FilePayload { Name = $"{code}.pdf", MimeType = "application/pdf", Buffer = SamplePdf.Create(code) });
            await agent.Locator("#submit").ClickAsync();
            await agent.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/my/cases/[0-9a-f-]{36}$"));
            await Expect(agent.Locator("#case-status")).ToHaveTextAsync("待受理");
            var caseNumber = (await agent.Locator("#case-number").InnerTextAsync()).Trim();

            await enterprise.GotoAsync("/my/cases");
            var row = enterprise.Locator($"tr[data-case-number='{caseNumber}']");
            await Expect(row).ToContainTextAsync("经办人：冯**");
            await row.Locator("a").ClickAsync();
            await Expect(enterprise.Locator("#case-number")).ToHaveTextAsync(caseNumber);
            await Expect(enterprise.Locator("#case-status")).ToHaveTextAsync("待受理");
        });
    }
}

[Collection(BrowserCollection.Name)]
[Trait("Provider", "Sqlite")]
public sealed class AgentFilingJourneyTests_Sqlite(SqliteKestrelApp app, BrowserFixture browser)
    : AgentFilingJourneyTests(app, browser), IClassFixture<SqliteKestrelApp>;

[Collection(BrowserCollection.Name)]
[Trait("Provider", "Postgres")]
public sealed class AgentFilingJourneyTests_Postgres(PostgresKestrelApp app, BrowserFixture browser)
    : AgentFilingJourneyTests(app, browser), IClassFixture<PostgresKestrelApp>;
