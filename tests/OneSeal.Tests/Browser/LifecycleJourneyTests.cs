using System.Globalization;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OneSeal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using CaseEntity = OneSeal.Cases.Case;

namespace OneSeal.Tests.Browser;

/// <summary>
/// The case lifecycle on the pages, in Chromium, on a fake clock (issue 4, items 7, 8, 9 and 12): a suspension stops
/// the working-day clock and resuming moves the due date on the page by exactly the working days it took; the window
/// delivers a result by post only with a tracking number; the chief extends the limit once, on a phone; the applicant
/// withdraws. The cases are brought to the starting step through the API (<see cref="LifecycleCases"/>); the steps
/// under test go through the pages. Labels are asserted in Chinese: they are what the user reads.
/// </summary>
public abstract partial class LifecycleJourneyTests(OneSealFactory app, BrowserFixture browser)
{
    private const int PhoneWidth = 375;
    private const int PhoneHeight = 740;

    private readonly LifecycleCases cases = new(app);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex IsoDate();

    [Fact]
    public async Task A_suspension_moves_the_due_date_on_the_page()
    {
        await using var users = new BrowserUsers(browser, app);
        await users.RunAsync(nameof(A_suspension_moves_the_due_date_on_the_page), async () =>
        {
            var calendar = app.Calendar();
            var monday = app.MoveToAWorkingMonday();
            var created = await cases.SubmittedAsync();

            // The window accepts on Monday: the promised 3 working days run Tuesday to Thursday.
            var clerk = await users.SignedInAsync("clerk");
            await OpenFromQueueAsync(clerk, "/hall", "#queue", created.CaseNumber);
            await clerk.Locator("#accept").ClickAsync();
            await Expect(clerk.Locator("#notice")).ToContainTextAsync($"已受理办件 {created.CaseNumber}");

            var reviewer = await users.SignedInAsync("reviewer");
            await OpenFromQueueAsync(reviewer, "/office", "#review-queue", created.CaseNumber);
            var dueBefore = await DueDateAsync(reviewer);
            dueBefore.ShouldBe(calendar.AddWorkingDays(monday, LifecycleCases.FoodLicencePromisedDays));
            await Expect(reviewer.Locator("#deadline-state")).ToHaveTextAsync("正常");
            await Expect(reviewer.Locator("#paused-days")).ToHaveTextAsync("0 个工作日");
            await Expect(Days(reviewer, "counted")).ToHaveCountAsync(LifecycleCases.FoodLicencePromisedDays);
            await Expect(Days(reviewer, "paused")).ToHaveCountAsync(0);

            // A suspension without a reason is refused next to the field; nothing changes.
            var kinds = await reviewer.Locator("#pause-kind option").EvaluateAllAsync<string[]>("os => os.map(o => o.value + '=' + o.textContent.trim())");
            kinds.ShouldBe(["=请选择", "hearing=听证", "inspection=检验、检测、检疫", "appraisal=鉴定", "expert-review=专家评审",
                "site-inspection=现场踏勘", "correction=审查中补正材料"]);
            await reviewer.Locator("#pause-kind").SelectOptionAsync("inspection");
            await reviewer.Locator("#pause-days").FillAsync("10");
            await reviewer.Locator("#suspend").ClickAsync();
            await Expect(reviewer.Locator("#pause-reason-error")).ToContainTextAsync("请说明中止理由");
            await Expect(reviewer.Locator("#pause-reason")).ToHaveAttributeAsync("aria-invalid", "true");
            await Expect(reviewer.Locator("#error-summary a[href='#pause-reason']")).ToHaveCountAsync(1);
            await Expect(reviewer.Locator("#pause-kind")).ToHaveValueAsync("inspection");
            await Expect(reviewer.Locator("#pause-days")).ToHaveValueAsync("10");
            await Expect(reviewer.Locator("#case-status")).ToHaveTextAsync("已受理，审查中");

            // Inspection and testing of the premises' water: the clock stops (Art. 45).
            const string reason = "经营场所生活饮用水需送县疾控中心检验检测。";
            await reviewer.Locator("#pause-reason").FillAsync(reason);
            await reviewer.Locator("#suspend").ClickAsync();
            await reviewer.WaitForURLAsync($"**/office/cases/{created.Id}");
            await Expect(reviewer.Locator("#notice")).ToContainTextAsync($"已中止审批期限（办件 {created.CaseNumber}）");
            await Expect(reviewer.Locator("#case-status")).ToHaveTextAsync("期限中止");
            await Expect(reviewer.Locator("#deadline-state")).ToHaveTextAsync("期限中止");
            await Expect(reviewer.Locator("#open-pause")).ToContainTextAsync("检验、检测、检疫");
            await Expect(reviewer.Locator("#open-pause")).ToContainTextAsync(reason);
            await Expect(reviewer.Locator("#suspend")).ToHaveCountAsync(0);
            await Expect(reviewer.Locator("#resume")).ToBeVisibleAsync();
            await Expect(reviewer.Locator("#timeline li[data-action='suspended']")).ToContainTextAsync("期限中止");

            // The applicant is told: the ground, the reason, the expected length.
            var applicant = await users.SignedInAsync("applicant");
            await applicant.GotoAsync($"/my/cases/{created.Id}");
            await Expect(applicant.Locator("#case-status")).ToHaveTextAsync("期限中止");
            await Expect(applicant.Locator("#deadline-state")).ToHaveTextAsync("期限中止");
            await Expect(applicant.Locator("#open-pause")).ToContainTextAsync(reason);
            await Expect(applicant.Locator("#open-pause")).ToContainTextAsync("预计 10 个工作日");

            // The laboratory answers three working days later (Thursday). A new working day: everyone signs in again.
            var resumeOn = calendar.AddWorkingDays(monday, 3);
            app.MoveTo(resumeOn);
            reviewer = await users.SignedInAsync("reviewer");
            await OpenFromQueueAsync(reviewer, "/office", "#suspended-queue", created.CaseNumber);
            await reviewer.Locator("#resume").ClickAsync();
            await reviewer.WaitForURLAsync($"**/office/cases/{created.Id}");

            var expected = calendar.AddWorkingDays(dueBefore, 3);
            await Expect(reviewer.Locator("#notice")).ToContainTextAsync($"办结期限顺延至 {Iso(expected)}");
            await Expect(reviewer.Locator("#case-status")).ToHaveTextAsync("已受理，审查中");
            (await DueDateAsync(reviewer)).ShouldBe(expected, $"due {Iso(dueBefore)} + 3 working days");
            calendar.CountWorkingDays(dueBefore, expected).ShouldBe(3);
            await Expect(reviewer.Locator("#timeline li[data-action='suspended']")).ToContainTextAsync("期限中止");
            await Expect(reviewer.Locator("#timeline li[data-action='resumed']")).ToContainTextAsync("恢复审查");
            await Expect(reviewer.Locator("#timeline li[data-action='resumed']")).ToContainTextAsync("中止3个工作日");
            await Expect(reviewer.Locator("#deadline-state")).ToHaveTextAsync("正常");
            await Expect(reviewer.Locator("#paused-days")).ToHaveTextAsync("3 个工作日");
            await Expect(reviewer.Locator("#deadline-due-date time")).ToHaveTextAsync(Iso(expected));
            await Expect(reviewer.Locator("#pauses li[data-kind='inspection']")).ToContainTextAsync($"{Iso(monday)} 至 {Iso(resumeOn)}，中止 3 个工作日");

            // The day-by-day table: collapsed at first; Tuesday to Thursday stopped, then the 3 counted days.
            var details = reviewer.Locator("#deadline-days");
            await Expect(details).Not.ToHaveAttributeAsync("open", "");
            await Expect(Days(reviewer, "paused").First).ToBeHiddenAsync();
            await details.Locator("summary").ClickAsync();
            var paused = Days(reviewer, "paused");
            await Expect(paused).ToHaveCountAsync(3);
            await Expect(paused.First).ToBeVisibleAsync();
            var pausedDates = await paused.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.date)");
            pausedDates.ShouldBe(Enumerable.Range(1, 3).Select(i => Iso(calendar.AddWorkingDays(monday, i))).ToArray());
            await Expect(paused.First).ToContainTextAsync("期限中止（检验、检测、检疫）");
            var counted = Days(reviewer, "counted");
            await Expect(counted).ToHaveCountAsync(LifecycleCases.FoodLicencePromisedDays);
            await Expect(counted.Last).ToHaveAttributeAsync("data-date", Iso(expected));
            await Expect(counted.Last).ToContainTextAsync($"第{LifecycleCases.FoodLicencePromisedDays}个工作日");
            await Expect(Days(reviewer, "weekend")).ToHaveCountAsync(2);

            // The applicant sees the same date and why.
            applicant = await users.SignedInAsync("applicant");
            await applicant.GotoAsync($"/my/cases/{created.Id}");
            (await DueDateAsync(applicant)).ShouldBe(expected);
            await Expect(applicant.Locator("#paused-days")).ToHaveTextAsync("3 个工作日");
            await Expect(Days(applicant, "paused")).ToHaveCountAsync(3);
            await Expect(applicant.Locator("#open-pause")).ToHaveCountAsync(0);
        });
    }

    [Fact]
    public async Task Delivery_by_post_needs_a_tracking_number()
    {
        await using var users = new BrowserUsers(browser, app);
        await users.RunAsync(nameof(Delivery_by_post_needs_a_tracking_number), async () =>
        {
            var created = await cases.ApprovedAsync();
            var deliverBy = app.Calendar().AddWorkingDays(app.Today(), 10);

            // At the result window, on a phone: the case waits in 待送达.
            var clerk = await SignedInOnPhoneAsync(users, "clerk");
            await clerk.GotoAsync("/hall");
            await ShouldFitAPhoneAsync(clerk, "/hall");
            await OpenFromQueueAsync(clerk, "/hall", "#delivery-queue", created.CaseNumber);
            await ShouldFitAPhoneAsync(clerk, "/hall/cases/{id} (to deliver)");
            await Expect(clerk.Locator("#case-status")).ToHaveTextAsync("准予许可，证照已签发");
            await Expect(clerk.Locator("#deliver-form")).ToContainTextAsync($"送达期限：{Iso(deliverBy)}");
            await Expect(clerk.Locator("#delivery-due-date time")).ToHaveTextAsync(Iso(deliverBy));
            await Expect(clerk.Locator("#deliver-form input[type='radio'][name='mode']")).ToHaveCountAsync(3);

            // By post, without a tracking number: refused next to the field; nothing is recorded.
            await clerk.Locator("#mode-post").CheckAsync();
            await clerk.Locator("#deliver").ClickAsync();
            await Expect(clerk.Locator("#tracking-number-error")).ToContainTextAsync("邮寄送达须填写快递单号");
            await Expect(clerk.Locator("#tracking-number")).ToHaveAttributeAsync("aria-invalid", "true");
            await Expect(clerk.Locator("#error-summary a[href='#tracking-number']")).ToHaveCountAsync(1);
            await Expect(clerk.Locator("#mode-post")).ToBeCheckedAsync();
            await Expect(clerk.Locator("#case-status")).ToHaveTextAsync("准予许可，证照已签发");
            await ShouldFitAPhoneAsync(clerk, "/hall/cases/{id} with an error");
            var stored = await app.InDb(db => db.Set<CaseEntity>().AsNoTracking().SingleAsync(c => c.Id == created.Id));
            stored.DeliveredAt.ShouldBeNull();
            stored.TrackingNumber.ShouldBeNull();

            // With the number: delivered, and the number is on the case.
            const string tracking = "SF1402285567391";
            await clerk.Locator("#tracking-number").FillAsync(tracking);
            await clerk.Locator("#deliver").ClickAsync();
            await clerk.WaitForURLAsync("**/hall");
            await Expect(clerk.Locator("#notice")).ToContainTextAsync($"已送达（办件 {created.CaseNumber}，邮寄送达）");
            await Expect(clerk.Locator($"#delivery-queue tr[data-case-number='{created.CaseNumber}']")).ToHaveCountAsync(0);

            await clerk.GotoAsync($"/hall/cases/{created.Id}");
            await Expect(clerk.Locator("#case-status")).ToHaveTextAsync("已送达");
            await Expect(clerk.Locator("#delivery-mode")).ToContainTextAsync("邮寄送达");
            await Expect(clerk.Locator("#delivered-tracking-number")).ToHaveTextAsync(tracking);
            await Expect(clerk.Locator("#deliver")).ToHaveCountAsync(0);
            await Expect(clerk.Locator("#timeline li[data-action='delivered']")).ToContainTextAsync(tracking);
        });
    }

    [Fact]
    public async Task The_chief_decides_an_accepted_immediate_item_from_the_decision_queue()
    {
        await using var users = new BrowserUsers(browser, app);
        await users.RunAsync(nameof(The_chief_decides_an_accepted_immediate_item_from_the_decision_queue), async () =>
        {
            // 即办件受理后直接决定: no review; the chief's 待决定 queue lists it as soon as the window accepted it.
            var created = await cases.AcceptedAsync(LifecycleCases.SoleTrader);
            var chief = await users.SignedInAsync("chief");
            await OpenFromQueueAsync(chief, "/office", "#decision-queue", created.CaseNumber);
            await Expect(chief.Locator("#case-status")).ToHaveTextAsync("已受理，审查中");
            await chief.Locator("#decide-approve").CheckAsync();
            await chief.Locator("#decide").ClickAsync();
            await chief.WaitForURLAsync("**/office");
            await Expect(chief.Locator("#notice")).ToContainTextAsync($"已作出准予许可决定（办件 {created.CaseNumber}）");
            await Expect(chief.Locator($"#decision-queue tr[data-case-number='{created.CaseNumber}']")).ToHaveCountAsync(0);

            await chief.GotoAsync($"/office/cases/{created.Id}");
            await Expect(chief.Locator("#case-status")).ToHaveTextAsync("准予许可，证照已签发");
            await Expect(chief.Locator("#decide")).ToHaveCountAsync(0);
            await Expect(chief.Locator("#timeline li[data-action='reviewed']")).ToHaveCountAsync(0);
        });
    }

    [Fact]
    public async Task The_chief_extends_the_limit_once_on_a_phone()
    {
        await using var users = new BrowserUsers(browser, app);
        await users.RunAsync(nameof(The_chief_extends_the_limit_once_on_a_phone), async () =>
        {
            var created = await cases.AcceptedAsync();
            var chief = await SignedInOnPhoneAsync(users, "chief");
            await chief.GotoAsync($"/office/cases/{created.Id}");
            await Expect(chief.Locator("#case-number")).ToHaveTextAsync(created.CaseNumber);
            var dueBefore = await DueDateAsync(chief);

            // The chief's forms on a running case, at 375 px: nothing scrolls sideways, axe finds nothing serious.
            foreach (var id in new[] { "#pause-kind", "#pause-reason", "#pause-days", "#suspend", "#extension-reason", "#extend", "#termination-reason", "#terminate" })
                await Expect(chief.Locator(id)).ToBeVisibleAsync();
            await ShouldFitAPhoneAsync(chief, "/office/cases/{id} (chief)");

            await chief.Locator("#extend").ClickAsync();
            await Expect(chief.Locator("#extension-reason-error")).ToContainTextAsync("延长期限须说明理由");
            await Expect(chief.Locator("#extension-reason")).ToHaveAttributeAsync("aria-invalid", "true");
            await ShouldFitAPhoneAsync(chief, "/office/cases/{id} with an error");

            const string reason = "需现场核实经营场所布局与申请材料是否一致，承诺期限内无法完成。";
            await chief.Locator("#extension-reason").FillAsync(reason);
            await chief.Locator("#extend").ClickAsync();
            var expected = app.Calendar().AddWorkingDays(dueBefore, 10);
            await Expect(chief.Locator("#notice")).ToContainTextAsync($"已延长审批期限 10 个工作日（办件 {created.CaseNumber}），办结期限延至 {Iso(expected)}");
            (await DueDateAsync(chief)).ShouldBe(expected);
            await Expect(chief.Locator("#extend")).ToHaveCountAsync(0);
            await Expect(chief.Locator("#extension-done")).ToContainTextAsync("审批期限只能延长一次");
            await Expect(chief.Locator("#extension")).ToContainTextAsync(reason);
            await Expect(chief.Locator("#timeline li[data-action='extended']")).ToContainTextAsync("延长审批期限");

            // The applicant is told the reasons.
            var applicant = await SignedInOnPhoneAsync(users, "applicant");
            await applicant.GotoAsync($"/my/cases/{created.Id}");
            await Expect(applicant.Locator("#extension-notice")).ToContainTextAsync(reason);
            await Expect(applicant.Locator("#extension-notice")).ToContainTextAsync(Iso(expected));
            await ShouldFitAPhoneAsync(applicant, "/my/cases/{id} (extended)");
        });
    }

    [Fact]
    public async Task An_applicant_withdraws_before_the_decision()
    {
        await using var users = new BrowserUsers(browser, app);
        await users.RunAsync(nameof(An_applicant_withdraws_before_the_decision), async () =>
        {
            var created = await cases.SubmittedAsync();
            var applicant = await SignedInOnPhoneAsync(users, "applicant");
            await applicant.GotoAsync($"/my/cases/{created.Id}");
            await Expect(applicant.Locator("#deadline-explanation")).ToContainTextAsync("受理后开始计算办结期限");
            await ShouldFitAPhoneAsync(applicant, "/my/cases/{id} (submitted)");

            // Not confirmed: refused next to the box.
            await applicant.Locator("#withdraw-reason").FillAsync("经营场所租赁合同未能续签，暂不开业。");
            await applicant.Locator("#withdraw").ClickAsync();
            await Expect(applicant.Locator("#withdraw-confirm-error")).ToContainTextAsync("请勾选确认");
            await Expect(applicant.Locator("#withdraw-reason")).ToHaveValueAsync("经营场所租赁合同未能续签，暂不开业。");
            await Expect(applicant.Locator("#case-status")).ToHaveTextAsync("待受理");

            await applicant.Locator("#withdraw-confirm").CheckAsync();
            await applicant.Locator("#withdraw").ClickAsync();
            await Expect(applicant.Locator("#notice")).ToContainTextAsync($"已撤回申请（办件 {created.CaseNumber}）");
            await Expect(applicant.Locator("#case-status")).ToHaveTextAsync("已撤回");
            await Expect(applicant.Locator("#withdrawn-notice")).ToBeVisibleAsync();
            await Expect(applicant.Locator("#end-reason")).ToHaveTextAsync("经营场所租赁合同未能续签，暂不开业。");
            await Expect(applicant.Locator("#withdraw")).ToHaveCountAsync(0);
            await Expect(applicant.Locator("#deadline-explanation")).ToContainTextAsync("本办件未经受理，不计算办结期限");
            await Expect(applicant.Locator("#timeline li[data-action='withdrawn']")).ToContainTextAsync("申请人撤回");

            // Gone from the window's queue.
            var clerk = await users.SignedInAsync("clerk");
            await clerk.GotoAsync("/hall");
            await Expect(clerk.Locator($"tr[data-case-number='{created.CaseNumber}']")).ToHaveCountAsync(0);
        });
    }

    // ------------------------------------------------------------------ helpers

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static ILocator Days(IPage page, string treatment) =>
        page.Locator($"#deadline-explanation tr[data-treatment='{treatment}']");

    /// <summary>The date in <c>#due-date</c> (the case summary), as the page shows it.</summary>
    private static async Task<DateOnly> DueDateAsync(IPage page)
    {
        var due = page.Locator("#due-date time");
        await Expect(due).ToHaveTextAsync(IsoDate());
        return DateOnly.ParseExact((await due.InnerTextAsync()).Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    private static async Task OpenFromQueueAsync(IPage page, string list, string table, string caseNumber)
    {
        await page.GotoAsync(list);
        var row = page.Locator($"{table} tr[data-case-number='{caseNumber}']");
        await Expect(row).ToBeVisibleAsync();
        await row.Locator("a").ClickAsync();
        await page.WaitForURLAsync(new Regex($"{Regex.Escape(list)}/cases/[0-9a-f-]{{36}}$"));
        await Expect(page.Locator("#case-number")).ToHaveTextAsync(caseNumber);
    }

    /// <summary>A 375 × 740 page signed in through the login form.</summary>
    private static async Task<IPage> SignedInOnPhoneAsync(BrowserUsers users, string username)
    {
        var page = await users.AnonymousAsync(PhoneWidth, PhoneHeight, who: $"{username}-phone");
        await page.GotoAsync("/account/login");
        await page.Locator("#username").FillAsync(username);
        await page.Locator("#password").FillAsync(OneSealFactory.DemoPassword);
        await page.Locator("#login").ClickAsync();
        await page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/account/login", StringComparison.Ordinal));
        return page;
    }

    /// <summary>No sideways scrolling at phone width, and no serious or critical axe-core violation.</summary>
    private static async Task ShouldFitAPhoneAsync(IPage page, string what)
    {
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        scrollWidth.ShouldBeLessThanOrEqualTo(PhoneWidth, $"{what} scrolls sideways on a {PhoneWidth} px wide phone");
        var axe = await page.RunAxe();
        axe.Passes.ShouldNotBeEmpty("axe-core did not run");
        var serious = axe.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target.ToString()))}")
            .ToList();
        serious.ShouldBeEmpty($"axe found serious or critical violations on {what}");
    }
}

[Collection(BrowserCollection.Name)]
[Trait("Provider", "Sqlite")]
public sealed class LifecycleJourneyTests_Sqlite(LifecycleSqliteApp app, BrowserFixture browser)
    : LifecycleJourneyTests(app, browser), IClassFixture<LifecycleSqliteApp>;

[Collection(BrowserCollection.Name)]
[Trait("Provider", "Postgres")]
public sealed class LifecycleJourneyTests_Postgres(LifecyclePostgresApp app, BrowserFixture browser)
    : LifecycleJourneyTests(app, browser), IClassFixture<LifecyclePostgresApp>;
