using System.Diagnostics;

namespace OneSeal.Tests.Documents;

/// <summary>poppler-utils (pdftotext, pdftoppm) to look inside rendered PDFs.</summary>
internal static class PdfTools
{
    public static async Task<string> TextAsync(byte[] pdf)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(file, pdf);
            return await RunAsync("/usr/bin/pdftotext", "-layout", file, "-");
        }
        finally { File.Delete(file); }
    }

    /// <summary>Renders page 1 to <paramref name="pngPrefix"/>-1.png at <paramref name="dpi"/>.</summary>
    public static async Task PngAsync(byte[] pdf, string pngPrefix, int dpi)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(file, pdf);
            await RunAsync("/usr/bin/pdftoppm", "-png", "-r", dpi.ToString(), "-f", "1", "-l", "1", file, pngPrefix);
        }
        finally { File.Delete(file); }
    }

    public static async Task<int> PageCountAsync(byte[] pdf)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(file, pdf);
            var info = await RunAsync("/usr/bin/pdfinfo", file);
            return int.Parse(info.Split('\n').Single(l => l.StartsWith("Pages:")).Split(':')[1].Trim());
        }
        finally { File.Delete(file); }
    }

    private static async Task<string> RunAsync(string exe, params string[] args)
    {
        var start = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{exe} failed: {await stderr}");
        return await stdout;
    }
}
