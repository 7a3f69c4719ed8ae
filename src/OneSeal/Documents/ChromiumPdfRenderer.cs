using System.Diagnostics;
using System.Text;

namespace OneSeal.Documents;

public sealed class PdfOptions
{
    /// <summary><c>Pdf:ChromiumPath</c>.</summary>
    public string ChromiumPath { get; set; } = "/usr/bin/chromium";
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);
    /// <summary>Each render is a whole browser process (~150 MB); more than two at once starves a 2-core machine.</summary>
    public int MaxConcurrency { get; set; } = 2;
    /// <summary>Where each render gets its own temp folder (profile, HTML, PDF); removed afterwards.</summary>
    public string WorkFolder { get; set; } = Path.GetTempPath();
}

/// <summary>
/// One headless Chromium process per document, with a fresh profile and temp folder each time
/// (docs/decisions/0003-pdf-through-chromium.md). About 1 s per document, but stateless and simple.
/// </summary>
public sealed class ChromiumPdfRenderer(PdfOptions options, ILogger<ChromiumPdfRenderer> log) : IPdfRenderer, IDisposable
{
    /// <summary>Each render's temp folder is named so; <see cref="StaleRenderFolders"/> removes those a crash left.</summary>
    public const string FolderPrefix = "oneseal-pdf-";

    private readonly SemaphoreSlim _slots = new(options.MaxConcurrency, options.MaxConcurrency);

    public async Task<byte[]> RenderAsync(string html, CancellationToken ct)
    {
        await _slots.WaitAsync(ct);
        DirectoryInfo? work = null;
        try
        {
            work = CreateWorkFolder();
            var input = Path.Combine(work.FullName, "document.html");
            var output = Path.Combine(work.FullName, "document.pdf");
            await File.WriteAllTextAsync(input, html, new UTF8Encoding(false), ct);
            var started = Stopwatch.GetTimestamp();
            await RunChromiumAsync(input, output, Path.Combine(work.FullName, "profile"), ct);
            var pdf = File.Exists(output) ? await File.ReadAllBytesAsync(output, ct) : [];
            if (pdf.Length < 5 || !pdf.AsSpan(0, 5).SequenceEqual("%PDF-"u8))
                throw new PdfRenderException("Chromium finished without writing a PDF.");
            log.LogDebug("Rendered PDF of {Bytes} bytes in {Ms} ms", pdf.Length, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return pdf;
        }
        finally
        {
            _slots.Release();
            if (work is not null) TryDelete(work);
        }
    }

    private async Task RunChromiumAsync(string input, string output, string profile, CancellationToken ct)
    {
        var start = new ProcessStartInfo(options.ChromiumPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--no-pdf-header-footer",
            $"--user-data-dir={profile}", $"--print-to-pdf={output}", new Uri(input).AbsoluteUri])
            start.ArgumentList.Add(arg);

        using var process = new Process { StartInfo = start };
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (stderr) if (e.Data is not null && stderr.Length < 8000) stderr.AppendLine(e.Data); };
        process.OutputDataReceived += (_, _) => { };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new PdfRenderException($"Cannot start Chromium at '{options.ChromiumPath}' (set Pdf:ChromiumPath, or apt-get install chromium fonts-noto-cjk): {e.Message}", e);
        }
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000); // let it release the temp folder before we delete it
            ct.ThrowIfCancellationRequested();
            throw new PdfRenderException($"Chromium did not finish the PDF within {options.Timeout.TotalSeconds:0} s; the document was not issued.");
        }
        if (process.ExitCode != 0)
        {
            string detail;
            lock (stderr) detail = stderr.ToString();
            throw new PdfRenderException($"Chromium exited with code {process.ExitCode}: {LastLines(detail)}");
        }
    }

    private DirectoryInfo CreateWorkFolder()
    {
        var path = Path.Combine(options.WorkFolder, $"{FolderPrefix}{Guid.NewGuid():N}");
        // Owner-only: the page holds a holder's name and masked code.
        return OperatingSystem.IsWindows()
            ? Directory.CreateDirectory(path)
            : Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static string LastLines(string text) =>
        string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(3));

    private void TryDelete(DirectoryInfo dir)
    {
        try { dir.Delete(recursive: true); }
        catch (IOException e) { log.LogWarning(e, "Could not remove temp folder {Folder}", dir.FullName); }
        catch (UnauthorizedAccessException e) { log.LogWarning(e, "Could not remove temp folder {Folder}", dir.FullName); }
    }

    public void Dispose() => _slots.Dispose();
}
