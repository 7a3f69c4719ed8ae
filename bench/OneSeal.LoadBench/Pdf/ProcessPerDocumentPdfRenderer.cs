using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;
using OneSeal.Documents;

namespace OneSeal.LoadBench.Pdf;

/// <summary>
/// The renderer OneSeal used before issue 9, kept here only for the "before" figure of <c>bash scripts/bench.sh pdf</c>:
/// one <c>chromium --headless --print-to-pdf</c> process per document, with a fresh profile and temp folder each time.
/// Not used by the app (which uses <see cref="ChromiumPdfRenderer"/>, one long-lived browser).
/// </summary>
public sealed class ProcessPerDocumentPdfRenderer(PdfOptions options, ILogger log) : IPdfRenderer, IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.MaxConcurrency, options.MaxConcurrency);

    public async Task<byte[]> RenderAsync(string html, CancellationToken ct)
    {
        await _slots.WaitAsync(ct);
        var work = Directory.CreateDirectory(Path.Combine(options.WorkFolder, $"oneseal-bench-pdf-{Guid.NewGuid():N}"));
        try
        {
            var input = Path.Combine(work.FullName, "document.html");
            var output = Path.Combine(work.FullName, "document.pdf");
            await File.WriteAllTextAsync(input, html, new UTF8Encoding(false), ct);
            await RunChromiumAsync(input, output, Path.Combine(work.FullName, "profile"), ct);
            var pdf = File.Exists(output) ? await File.ReadAllBytesAsync(output, ct) : [];
            if (pdf.Length < 5 || !pdf.AsSpan(0, 5).SequenceEqual("%PDF-"u8))
                throw new PdfRenderException("Chromium finished without writing a PDF.");
            return pdf;
        }
        finally
        {
            _slots.Release();
            try { work.Delete(recursive: true); }
            catch (IOException e) { log.LogWarning(e, "Could not remove temp folder {Folder}", work.FullName); }
        }
    }

    private async Task RunChromiumAsync(string input, string output, string profile, CancellationToken ct)
    {
        var start = new ProcessStartInfo(options.ChromiumPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // The same flags as ChromiumPdfRenderer.Flags, plus the command-line printing ones.
        foreach (var arg in ChromiumPdfRenderer.Flags.Concat([
            "--headless", "--no-pdf-header-footer", $"--user-data-dir={profile}", $"--print-to-pdf={output}", new Uri(input).AbsoluteUri]))
            start.ArgumentList.Add(arg);
        using var process = new Process { StartInfo = start };
        process.ErrorDataReceived += (_, _) => { };
        process.OutputDataReceived += (_, _) => { };
        process.Start();
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
            process.WaitForExit(5000);
            throw new PdfRenderException($"Chromium did not finish the PDF within {options.Timeout.TotalSeconds:0} s.");
        }
        if (process.ExitCode != 0) throw new PdfRenderException($"Chromium exited with code {process.ExitCode}.");
    }

    public void Dispose() => _slots.Dispose();
}
