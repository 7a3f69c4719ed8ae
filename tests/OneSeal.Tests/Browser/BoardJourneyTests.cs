using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OneSeal.Platform.Signals;
using OneSeal.Queue.Board;
using OneSeal.Tests.Infrastructure;
using OneSeal.Tests.Queue.Board;
using static Microsoft.Playwright.Assertions;

namespace OneSeal.Tests.Browser;

/// <summary>
/// Issue 12 §3: the hall's TV at 1366×768 and the screen above window A01 at 1920×1080 show calls the moment they are
/// published (no reload), and the TV speaks three quick calls one after the other (a stubbed speech engine records what
/// was spoken and whether two ever overlapped).
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Provider", "Postgres")]
public sealed class BoardJourneyTests(BoardPostgresKestrelApp app, BrowserFixture browser) : IClassFixture<BoardPostgresKestrelApp>
{
    /// <summary>A speech engine that "speaks" each utterance for 400 ms and records starts, ends and overlaps.</summary>
    private const string SpeechStub = """
        (() => {
          const log = { spoken: [], maxAtOnce: 0, atOnce: 0 };
          window.__speech = log;
          window.SpeechSynthesisUtterance = function (text) { this.text = text; };
          const engine = {
            speak(u) {
              log.spoken.push(u.text);
              log.atOnce++; log.maxAtOnce = Math.max(log.maxAtOnce, log.atOnce);
              setTimeout(() => { log.atOnce--; u.onend && u.onend(); }, 400);
            },
            cancel() {},
          };
          Object.defineProperty(window, 'speechSynthesis', { value: engine, configurable: true });
        })();
        """;

    [Fact]
    public async Task The_board_shows_a_new_call_without_reload_and_speaks_quick_calls_in_order_never_at_once()
    {
        await using var users = new BrowserUsers(browser, app);
        await users.RunAsync(nameof(The_board_shows_a_new_call_without_reload_and_speaks_quick_calls_in_order_never_at_once), async () =>
        {
            var tv = await users.AnonymousAsync(1366, 768, "board");
            await tv.AddInitScriptAsync(SpeechStub);
            await tv.GotoAsync("/board");
            await Expect(tv.Locator("#hall-name")).ToHaveTextAsync("县政务服务中心一楼大厅");
            await Expect(tv.Locator("#calls")).ToContainTextAsync("A021");
            await Expect(tv.Locator("#waiting")).ToContainTextAsync("市场准入");
            await tv.GetByRole(AriaRole.Button, new() { Name = "开启语音播报" }).ClickAsync();
            await Expect(tv.Locator("#speech-toggle")).ToHaveAttributeAsync("aria-pressed", "true");
            await tv.EvaluateAsync("() => window.__sameDocument = true");

            // The screen above window A01, on a 1920×1080 monitor.
            var screen = await users.AnonymousAsync(1920, 1080, "window-screen");
            await screen.GotoAsync("/window/A01/screen");
            await Expect(screen.Locator("#ws-ticket")).ToHaveTextAsync("A021");
            await Expect(screen.Locator("#ws-staff")).ToHaveTextAsync("王小明");
            await Expect(screen.Locator("#ws-rating")).ToHaveTextAsync("暂无评价");

            var signals = app.Services.GetRequiredService<ISignals>();
            await ((PostgresSignals)signals).ListeningAsync(QueueSignals.Channel, default).WaitAsync(TimeSpan.FromSeconds(10));
            // As the calling code does: the calls are committed (the board reads them), then published.
            var board = app.Services.GetRequiredService<TestQueueBoard>();
            var (a023, a024) = (TestQueueBoard.Call("A023", "A05", "综合受理五号窗口"), TestQueueBoard.Call("A024", "A06", "综合受理六号窗口"));
            var a025 = TestQueueBoard.Call("A025", "A01", "综合受理一号窗口");
            board.Snapshot = board.Snapshot with { LastCalls = [a025, a024, a023] };
            board.Screen = board.Screen! with { CurrentTicket = "A025" };
            await TestQueueBoard.PublishCallAsync(signals, a023);
            await TestQueueBoard.PublishCallAsync(signals, a024);
            await TestQueueBoard.PublishCallAsync(signals, a025);

            await Expect(tv.Locator("#calls tr").First).ToContainTextAsync("A025");
            await Expect(tv.Locator("#calls tr[data-window='A06']")).ToContainTextAsync("A024");
            await Expect(tv.Locator("#calls tr[data-window='A05']")).ToContainTextAsync("A023");
            (await tv.EvaluateAsync<bool>("() => window.__sameDocument === true")).ShouldBeTrue("the page updated without a reload");
            (await tv.Locator("body").InnerTextAsync()).ShouldNotContain("ticketId");

            await Expect(screen.Locator("#ws-ticket")).ToHaveTextAsync("A025");

            await tv.WaitForFunctionAsync("() => window.__speech.spoken.length >= 3 && window.__speech.atOnce === 0");
            var spoken = await tv.EvaluateAsync<string[]>("() => window.__speech.spoken");
            spoken.ShouldBe(["请 A023 号到 A05 窗口", "请 A024 号到 A06 窗口", "请 A025 号到 A01 窗口"]);
            (await tv.EvaluateAsync<int>("() => window.__speech.maxAtOnce")).ShouldBe(1, "calls are spoken one at a time");

            // Switched on stays on after a reload (localStorage).
            await tv.ReloadAsync();
            await Expect(tv.Locator("#speech-toggle")).ToHaveAttributeAsync("aria-pressed", "true");
        });
    }
}
