using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using OneSeal.Documents;
using OneSeal.Tests.Seal;
using Xunit.Abstractions;

namespace OneSeal.Tests.Documents;

public class ChromiumPdfRendererTests(ITestOutputHelper output)
{
    private static ChromiumPdfRenderer Renderer(PdfOptions? options = null) =>
        new(options ?? new PdfOptions(), NullLogger<ChromiumPdfRenderer>.Instance);

    private static CertificateSheet Sheet(string number = "QS2026-000123") => new(
        "食品经营许可证", number, "青山县好味道餐饮有限公司", "001", "913501********0Y43", "食品经营许可",
        SealTestDb.SampleDetails, "青山县行政审批局",
        new DateOnly(2026, 11, 21), new DateOnly(2026, 11, 21), new DateOnly(2031, 11, 20),
        $"https://zwfw.example.gov.cn/verify/{number}");

    [Fact]
    public async Task Certificate_renders_to_a_one_page_pdf_whose_text_has_the_chinese_name_and_the_number()
    {
        var started = Stopwatch.StartNew();
        var pdf = await Renderer().RenderAsync(CertificateDocument.Html(Sheet()), default);
        output.WriteLine($"render took {started.ElapsedMilliseconds} ms, {pdf.Length} bytes");

        var text = await PdfTools.TextAsync(pdf);
        Compact(text).ShouldContain("食品经营许可证");
        text.ShouldContain("QS2026-000123");
        Compact(text).ShouldContain("青山县好味道餐饮有限公司");
        Compact(text).ShouldContain("扫码核验");
        text.ShouldContain("913501********0Y43");
        (await PdfTools.PageCountAsync(pdf)).ShouldBe(1);
    }

    [Fact]
    public async Task Sample_certificate_is_written_as_png_for_a_visual_check()
    {
        var pdf = await Renderer().RenderAsync(CertificateDocument.Html(Sheet()), default);
        var folder = Path.Combine(Path.GetTempPath(), "oneseal-samples");
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, "certificate.pdf"), pdf);
        await PdfTools.PngAsync(pdf, Path.Combine(folder, "certificate"), 60);
        File.Exists(Path.Combine(folder, "certificate-1.png")).ShouldBeTrue();
    }

    [Fact]
    public async Task Temp_files_are_removed_after_rendering()
    {
        var work = Directory.CreateTempSubdirectory("oneseal-pdf-work-");
        try
        {
            await Renderer(new PdfOptions { WorkFolder = work.FullName }).RenderAsync("<!DOCTYPE html><html lang=\"zh-CN\"><body>临时</body></html>", default);
            work.GetFileSystemInfos().ShouldBeEmpty();
        }
        finally { work.Delete(recursive: true); }
    }

    [Fact]
    public async Task Missing_chromium_gives_a_clear_error_naming_the_setting()
    {
        var e = await Should.ThrowAsync<PdfRenderException>(() =>
            Renderer(new PdfOptions { ChromiumPath = "/nonexistent/chromium" }).RenderAsync("<html></html>", default));
        e.Message.ShouldContain("Pdf:ChromiumPath");
        e.Message.ShouldContain("/nonexistent/chromium");
    }

    [Fact]
    public async Task A_browser_that_fails_reports_its_exit_code_and_last_words()
    {
        var script = await FakeBrowserAsync("echo 'cannot open display' >&2\nexit 3\n");
        try
        {
            var e = await Should.ThrowAsync<PdfRenderException>(() => Renderer(new PdfOptions { ChromiumPath = script }).RenderAsync("<html></html>", default));
            e.Message.ShouldContain("exited with code 3");
            e.Message.ShouldContain("cannot open display");
        }
        finally { File.Delete(script); }
    }

    [Fact]
    public async Task A_browser_that_exits_cleanly_without_a_pdf_is_an_error_too()
    {
        var script = await FakeBrowserAsync("exit 0\n");
        try
        {
            (await Should.ThrowAsync<PdfRenderException>(() => Renderer(new PdfOptions { ChromiumPath = script }).RenderAsync("<html></html>", default)))
                .Message.ShouldContain("without writing a PDF");
        }
        finally { File.Delete(script); }
    }

    private static async Task<string> FakeBrowserAsync(string body)
    {
        var script = Path.Combine(Path.GetTempPath(), $"fake-browser-{Guid.NewGuid():N}.sh");
        await File.WriteAllTextAsync(script, "#!/bin/sh\n" + body);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return script;
    }

    [Fact]
    public async Task A_browser_that_does_not_finish_in_time_is_killed_with_a_timeout_error()
    {
        // A stand-in "browser" that hangs: the renderer must give up at its timeout, not wait forever.
        var script = await FakeBrowserAsync("sleep 30\n");
        try
        {
            var started = Stopwatch.StartNew();
            var e = await Should.ThrowAsync<PdfRenderException>(() =>
                Renderer(new PdfOptions { ChromiumPath = script, Timeout = TimeSpan.FromSeconds(1) }).RenderAsync("<html></html>", default));
            e.Message.ShouldContain("within 1 s");
            started.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        }
        finally { File.Delete(script); }
    }

    [Fact]
    public async Task Several_renders_at_once_all_succeed_through_the_concurrency_limit()
    {
        var renderer = Renderer();
        var pdfs = await Task.WhenAll(Enumerable.Range(1, 4).Select(i =>
            renderer.RenderAsync(CertificateDocument.Html(Sheet($"QS2026-00000{i}")), default)));
        for (var i = 0; i < pdfs.Length; i++)
            (await PdfTools.TextAsync(pdfs[i])).ShouldContain($"QS2026-00000{i + 1}");
    }

    private static string Compact(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}
