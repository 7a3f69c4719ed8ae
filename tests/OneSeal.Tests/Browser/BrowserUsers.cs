using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Browser;

/// <summary>
/// The people of one browser test, each in a fresh browser context of their own (own cookies): zh-CN, Beijing time,
/// 1280×900 unless told. <see cref="RunAsync"/> runs the test body and, when it fails, saves a full-page screenshot of
/// every open page to <c>/tmp/oneseal-browser/</c> and names the files in the failure message.
/// </summary>
public sealed partial class BrowserUsers(BrowserFixture browser, OneSealFactory app) : IAsyncDisposable
{
    public const int DesktopWidth = 1280;
    public const int DesktopHeight = 900;

    /// <summary>How long an assertion waits for the page to reach the expected state (auto-retrying <c>Expect</c>).</summary>
    public const float ExpectTimeoutMs = 15_000;

    private readonly List<(string Who, IBrowserContext Context)> _contexts = [];

    static BrowserUsers() => Assertions.SetDefaultExpectTimeout(ExpectTimeoutMs);

    public OneSealFactory App => app;

    /// <summary>A page in a new context where nobody is signed in.</summary>
    public async Task<IPage> AnonymousAsync(int width = DesktopWidth, int height = DesktopHeight, string who = "anonymous")
    {
        if (!app.Options.Kestrel)
            throw new InvalidOperationException("A browser needs a real port: use SqliteKestrelApp / PostgresKestrelApp.");
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.PublicBaseUrl,
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            ViewportSize = new ViewportSize { Width = width, Height = height },
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(30_000);
        context.SetDefaultNavigationTimeout(30_000);
        _contexts.Add((who, context));
        return await context.NewPageAsync();
    }

    /// <summary>A page in a new context, signed in as the demo account <paramref name="username"/> through the login form.</summary>
    public async Task<IPage> SignedInAsync(string username)
    {
        var page = await AnonymousAsync(who: username);
        await page.GotoAsync("/account/login");
        await page.Locator("#username").FillAsync(username);
        await page.Locator("#password").FillAsync(OneSealFactory.DemoPassword);
        await page.Locator("#login").ClickAsync();
        // Wait for the redirect to be committed, not for the next page's load event: under a loaded machine that event was
        // seen to arrive late (the page had rendered); the header check below is what proves the sign-in.
        await page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/account/login", StringComparison.Ordinal),
            new() { WaitUntil = WaitUntilState.Commit });
        // The header now offers sign-out instead of sign-in.
        await Assertions.Expect(page.Locator("header form[action='/account/logout'] button")).ToHaveTextAsync("退出", new() { Timeout = 30_000 });
        return page;
    }

    /// <summary>
    /// Runs the test body; on failure, screenshots of every open page are saved and named in the message.
    /// With <c>ONESEAL_BROWSER_SHOTS=1</c> they are taken after a success too, to look at the pages.
    /// </summary>
    public async Task RunAsync(string testName, Func<Task> body)
    {
        try
        {
            await body();
            if (Environment.GetEnvironmentVariable("ONESEAL_BROWSER_SHOTS") == "1") await ScreenshotAllAsync(testName);
        }
        catch (Exception e)
        {
            var shots = await ScreenshotAllAsync(testName);
            if (shots.Count == 0) throw;
            throw new ScreenshotsTakenException(e.Message + "\n\nScreenshots: " + string.Join(", ", shots), e);
        }
    }

    private async Task<List<string>> ScreenshotAllAsync(string testName)
    {
        var folder = Directory.CreateDirectory("/tmp/oneseal-browser").FullName;
        var shots = new List<string>();
        var stamp = DateTime.UtcNow.ToString("HHmmss");
        foreach (var (who, context) in _contexts)
        {
            var n = 0;
            foreach (var page in context.Pages)
            {
                var path = Path.Combine(folder, $"{Safe(testName)}-{app.Provider}-{stamp}-{who}-{++n}.png");
                try
                {
                    await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Timeout = 10_000 });
                    shots.Add($"{path} ({page.Url})");
                }
                catch (PlaywrightException)
                {
                    // A page that cannot be captured (closed, crashed) must not hide the real failure.
                }
            }
        }
        return shots;
    }

    private static string Safe(string s) => UnsafeChars().Replace(s, "_");

    [GeneratedRegex("[^A-Za-z0-9_.-]")]
    private static partial Regex UnsafeChars();

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, context) in _contexts)
        {
            try
            {
                await context.CloseAsync();
            }
            catch (PlaywrightException)
            {
                // The browser may already be gone at the end of the run.
            }
        }
        _contexts.Clear();
    }
}

/// <summary>A browser test failure, with the paths of the screenshots taken when it happened.</summary>
public sealed class ScreenshotsTakenException(string message, Exception inner) : Exception(message, inner);
