using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class TmpNavMeasure(SqliteKestrelApp app, BrowserFixture browser) : IClassFixture<SqliteKestrelApp>
{
    [Fact]
    public async Task Measure()
    {
        await using var users = new BrowserUsers(browser, app);
        foreach (var who in new[] { "clerk", "winchief", "admin" })
        {
            var p = await users.SignedInAsync(who);
            await p.SetViewportSizeAsync(1366, 768);
            await p.GotoAsync("/");
            var h = await p.EvaluateAsync<string>("() => { const u=document.querySelector('header.top nav ul'); const tops=[...u.children].map(li=>li.getBoundingClientRect().top); const hd=document.querySelector('header.top').getBoundingClientRect(); const nav=document.querySelector('header.top nav').getBoundingClientRect(); return 'header '+hd.height+' navw '+nav.width+' navleft '+nav.left+' tops '+tops.join(',') + ' font ' + getComputedStyle(document.body).fontSize + ' fonts ' + getComputedStyle(document.body).fontFamily; }");
            File.AppendAllText("/tmp/navmeasure.txt", who + ": " + h + "\n");
            await p.ScreenshotAsync(new() { Path = $"/tmp/nav-{who}.png" });
        }
    }
}
