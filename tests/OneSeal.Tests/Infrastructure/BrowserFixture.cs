using Microsoft.Playwright;

namespace OneSeal.Tests.Infrastructure;

/// <summary>
/// One headless Chromium (the system's Debian <c>chromium</c>, never a downloaded one: nothing here runs
/// <c>playwright install</c>) driven by Playwright, shared by every class in the "Browser" collection.
/// Playwright's own node driver ships inside the Microsoft.Playwright NuGet package (bin/.playwright).
/// <code>
/// [Collection(BrowserCollection.Name)]
/// public sealed class LoginPageTests(SqliteKestrelApp app, BrowserFixture browser) : IClassFixture&lt;SqliteKestrelApp&gt;
/// {
///     [Fact]
///     public async Task Shows_the_form()
///     {
///         await using var context = await browser.NewContextAsync(app);
///         var page = await context.NewPageAsync();
///         await page.GotoAsync("/account/login");
///     }
/// }
/// </code>
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public static readonly string[] LaunchArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public static string ExecutablePath => Environment.GetEnvironmentVariable("ONESEAL_CHROMIUM") ?? "/usr/bin/chromium";

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("BrowserFixture is not initialised.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException(
                $"Chromium not found at {ExecutablePath} (ONESEAL_CHROMIUM). Run bash scripts/test.sh, which installs the Debian package chromium.");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = LaunchArgs,
            Timeout = 60_000,
        });
    }

    /// <summary>
    /// A fresh browser context (own cookies and storage) whose relative URLs go to <paramref name="app"/>
    /// (which must run with Kestrel), in Simplified Chinese and Beijing time. Dispose it after the test.
    /// </summary>
    public Task<IBrowserContext> NewContextAsync(OneSealFactory app, string locale = "zh-CN")
    {
        if (!app.Options.Kestrel)
            throw new InvalidOperationException("A browser needs a real port: use SqliteKestrelApp / PostgresKestrelApp (OneSealFactoryOptions.Kestrel = true).");
        return Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.PublicBaseUrl,
            Locale = locale,
            TimezoneId = "Asia/Shanghai",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
    }
}

/// <summary>Browser test classes join this collection: they share one Chromium and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
