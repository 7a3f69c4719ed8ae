using System.Diagnostics;
using PuppeteerSharp;
using PuppeteerSharp.Media;

namespace OneSeal.Documents;

/// <summary>
/// One long-lived headless Chromium, driven over the DevTools protocol (PuppeteerSharp, through a pipe): each document is
/// a new page in it, so a render costs a page, not a browser start (docs/decisions/0003-pdf-through-chromium.md).
/// Launched on first use, shared by every caller (a singleton; at most <see cref="PdfOptions.MaxConcurrency"/> pages at
/// once), launched again when it has died, and closed with the app. A page that does not finish within
/// <see cref="PdfOptions.Timeout"/> fails with <see cref="PdfRenderException"/> and is closed; the browser stays.
/// </summary>
public sealed class ChromiumPdfRenderer(PdfOptions options, ILogger<ChromiumPdfRenderer> log) : IPdfRenderer, IAsyncDisposable, IDisposable
{
    /// <summary>The browser's profile folder is named so; <see cref="StaleRenderFolders"/> removes those a crash left.</summary>
    public const string FolderPrefix = "oneseal-pdf-";

    /// <summary>The flags the documents need: no sandbox (root in containers), no GPU, nothing fetched in the background.</summary>
    public static readonly IReadOnlyList<string> Flags =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    // The page's own @page rule decides paper and margins (A4 everywhere); backgrounds print (the seal, the frame).
    private static readonly PuppeteerSharp.PdfOptions Print = new()
    {
        Format = PaperFormat.A4, PreferCSSPageSize = true, PrintBackground = true, DisplayHeaderFooter = false,
        MarginOptions = new MarginOptions { Top = "0", Right = "0", Bottom = "0", Left = "0" },
    };

    private static readonly TimeSpan CloseWait = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _pages = new(options.MaxConcurrency, options.MaxConcurrency);
    private readonly SemaphoreSlim _launch = new(1, 1);
    private volatile Running? _running;
    private volatile bool _disposed;

    private sealed record Running(IBrowser Browser, DirectoryInfo Profile);

    /// <summary>The browser's process id while it runs (tests kill it to prove the renderer recovers).</summary>
    internal int? BrowserProcessId => _running?.Browser.Process?.Id;

    /// <summary>The running browser's profile folder (tests look for processes that use it).</summary>
    internal string? ProfileFolder => _running?.Profile.FullName;

    public async Task<byte[]> RenderAsync(string html, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _pages.WaitAsync(ct);
        try
        {
            var started = Stopwatch.GetTimestamp();
            var browser = await BrowserAsync(ct);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(options.Timeout);
            IPage? page = null;
            try
            {
                page = await browser.NewPageAsync().WaitAsync(timeout.Token);
                // Documents are self-contained (system fonts, data: URIs): "load" means everything is in.
                await page.SetContentAsync(html, new SetContentOptions { WaitUntil = [WaitUntilNavigation.Load], Timeout = 0 })
                    .WaitAsync(timeout.Token);
                var pdf = await page.PdfDataAsync(Print).WaitAsync(timeout.Token);
                if (pdf.Length < 5 || !pdf.AsSpan(0, 5).SequenceEqual("%PDF-"u8))
                    throw new PdfRenderException("Chromium answered without a PDF.");
                log.LogDebug("Rendered PDF of {Bytes} bytes in {Ms} ms", pdf.Length, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                return pdf;
            }
            catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
            {
                // Our timeout, or PuppeteerSharp abandoning its calls because the browser went away.
                throw timeout.IsCancellationRequested
                    ? new PdfRenderException($"Chromium did not finish the PDF within {options.Timeout.TotalSeconds:0} s; the document was not issued.")
                    : new PdfRenderException($"Chromium failed while rendering: {e.Message}", e);
            }
            catch (Exception e) when (e is not PdfRenderException and not OperationCanceledException)
            {
                // The browser died under the page (the next render starts a new one) or refused the page: the caller's
                // render-failure path (the outbox retries) is the same either way.
                throw new PdfRenderException($"Chromium failed while rendering: {e.Message}", e);
            }
            finally
            {
                if (page is not null) await CloseAsync(page, browser);
            }
        }
        finally
        {
            _pages.Release();
        }
    }

    /// <summary>The running browser, or a new one when there is none yet or it has died.</summary>
    private async Task<IBrowser> BrowserAsync(CancellationToken ct)
    {
        if (_running is { Browser.IsConnected: true } current) return current.Browser;
        await _launch.WaitAsync(ct);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_running is { Browser.IsConnected: true } meanwhile) return meanwhile.Browser;
            if (_running is { } dead)
            {
                log.LogWarning("Chromium (pid {Pid}) has gone; starting it again", dead.Browser.Process?.Id);
                await StopAsync(dead);
                _running = null;
            }
            _running = await LaunchAsync();
            return _running.Browser;
        }
        finally
        {
            _launch.Release();
        }
    }

    private async Task<Running> LaunchAsync()
    {
        if (!File.Exists(options.ChromiumPath))
            throw new PdfRenderException($"Cannot start Chromium at '{options.ChromiumPath}' (set Pdf:ChromiumPath, or apt-get install chromium fonts-noto-cjk): no such file.");
        var profile = CreateProfileFolder();
        var launch = Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = options.ChromiumPath, // set, so PuppeteerSharp never looks for (or fetches) a browser of its own
            Headless = true,
            Pipe = true, // the browser exits when its pipe closes, so even a killed app leaves no Chromium behind
            Args = [.. Flags],
            UserDataDir = profile.FullName,
            Timeout = (int)options.Timeout.TotalMilliseconds,
            DefaultViewport = null,
        });
        try
        {
            // Our own bound as well: a browser that exits at once can leave the launch waiting on its pipe for minutes.
            var browser = await launch.WaitAsync(options.Timeout);
            log.LogInformation("Started Chromium {Path} (pid {Pid}) for PDF rendering", options.ChromiumPath, browser.Process?.Id);
            return new Running(browser, profile);
        }
        catch (Exception e)
        {
            // A launch that still completes later is closed then, and its profile folder removed.
            _ = launch.ContinueWith(t =>
            {
                if (t.IsCompletedSuccessfully)
                {
                    KillProcess(t.Result);
                    t.Result.Dispose();
                }
                TryDelete(profile);
            }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw new PdfRenderException($"Cannot start Chromium at '{options.ChromiumPath}' (set Pdf:ChromiumPath, or apt-get install chromium fonts-noto-cjk): {e.Message}", e);
        }
    }

    /// <summary>Closes the page; one that will not close (its renderer is stuck) takes the browser with it.</summary>
    private async Task CloseAsync(IPage page, IBrowser browser)
    {
        try
        {
            await page.CloseAsync(new PageCloseOptions { RunBeforeUnload = false }).WaitAsync(CloseWait);
        }
        catch (Exception e) when (e is PuppeteerException or TimeoutException or ObjectDisposedException or IOException)
        {
            if (!browser.IsConnected) return;
            log.LogWarning(e, "A PDF page would not close; restarting Chromium");
            KillProcess(browser);
        }
    }

    private async Task StopAsync(Running running)
    {
        try
        {
            if (running.Browser.IsConnected) await running.Browser.CloseAsync().WaitAsync(CloseWait);
        }
        catch (Exception e) when (e is PuppeteerException or TimeoutException or ObjectDisposedException or IOException)
        {
            log.LogWarning(e, "Chromium did not close cleanly; killing it");
        }
        KillProcess(running.Browser);
        running.Browser.Dispose();
        TryDelete(running.Profile);
    }

    private static void KillProcess(IBrowser browser)
    {
        try
        {
            if (browser.Process is { HasExited: false } process)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(CloseWait);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private DirectoryInfo CreateProfileFolder()
    {
        var path = Path.Combine(options.WorkFolder, $"{FolderPrefix}browser-{Guid.NewGuid():N}");
        return OperatingSystem.IsWindows()
            ? Directory.CreateDirectory(path)
            : Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private void TryDelete(DirectoryInfo dir)
    {
        try { dir.Refresh(); if (dir.Exists) dir.Delete(recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.LogWarning(e, "Could not remove Chromium's profile folder {Folder}", dir.FullName);
        }
    }

    /// <summary>Closes the browser (the app is stopping); renders started afterwards fail.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        await _launch.WaitAsync();
        try
        {
            if (_running is { } running) await StopAsync(running);
            _running = null;
        }
        finally
        {
            _launch.Release();
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
