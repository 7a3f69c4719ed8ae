using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OneSeal.Catalog;
using OneSeal.Catalog.Guides;
using OneSeal.Documents;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Storage;

namespace OneSeal.LoadBench.Pdf;

/// <summary>
/// PDF rendering before and after issue 9, in the same run on the same machine:
/// <list type="number">
/// <item>throughput: <c>workers</c> callers render licences (<see cref="CertificateDocument"/>) for <c>seconds</c>, first
///   through <see cref="ProcessPerDocumentPdfRenderer"/> (one Chromium process per document, the old way), then through the
///   app's own <see cref="IPdfRenderer"/> (one long-lived browser);</item>
/// <item>first renders of guides and blank forms: <c>workers</c> visitors open every guide and blank form of the first
///   <c>items</c> demo items at once, each document for the first time, through <see cref="GuidePdfs"/> (which stores the
///   PDF and serves later visits from storage), once with each renderer; the stored copies are forgotten in between.</item>
/// </list>
/// Lines starting with <c>RESULT </c> are for scripts/bench.sh.
/// </summary>
public static class PdfBench
{
    public static async Task<int> RunAsync(string connectionString, TimeSpan duration, int workers, int items)
    {
        await using var host = await BenchHost.StartAsync(connectionString);
        var options = host.Services.GetRequiredService<PdfOptions>();
        Out.Line($"Chromium {options.ChromiumPath}; the app's renderer renders at most {options.MaxConcurrency} pages at once; {workers} callers");

        using var before = new ProcessPerDocumentPdfRenderer(options, NullLogger.Instance);
        var after = host.Services.GetRequiredService<IPdfRenderer>();

        var started = Stopwatch.StartNew();
        await after.RenderAsync(CertificateHtml(0), default);
        Out.Line($"long-lived browser: first render, with the browser's start: {started.Elapsed.TotalMilliseconds:0} ms");

        var beforeRate = await ThroughputAsync("process per document", before, duration, workers);
        var afterRate = await ThroughputAsync("long-lived browser", after, duration, workers);

        var documents = await GuideDocumentsAsync(host, items);
        Out.Line($"guide and blank-form documents of {items} items: {documents.Count}");
        var beforeFirst = await FirstRendersAsync("process per document", host, before, documents, workers);
        var afterFirst = await FirstRendersAsync("long-lived browser", host, after, documents, workers);

        Out.Line($"RESULT pdf_before_per_second={beforeRate:0.00} pdf_after_per_second={afterRate:0.00} " +
                 $"first_before_p50_ms={Percentile(beforeFirst, 0.50):0} first_before_p95_ms={Percentile(beforeFirst, 0.95):0} " +
                 $"first_after_p50_ms={Percentile(afterFirst, 0.50):0} first_after_p95_ms={Percentile(afterFirst, 0.95):0} " +
                 $"first_documents={documents.Count}");
        return 0;
    }

    private static async Task<double> ThroughputAsync(string name, IPdfRenderer renderer, TimeSpan duration, int workers)
    {
        await renderer.RenderAsync(CertificateHtml(1), default); // warm: the first call of each path is not measured
        var count = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                var n = Interlocked.Increment(ref count);
                var pdf = await renderer.RenderAsync(CertificateHtml(n), default);
                if (pdf.Length < 1000) throw new InvalidOperationException($"{name}: a PDF of {pdf.Length} bytes");
            }
        })));
        var rate = count / clock.Elapsed.TotalSeconds;
        Out.Line($"{name}: {count} licences in {clock.Elapsed.TotalSeconds:0.0} s = {rate:0.00} PDFs per second");
        return rate;
    }

    private sealed record GuideDocument(string Code, string Document, Func<CatalogQueries.ItemGuide, string> Html);

    /// <summary>The guide and every blank form of the first <paramref name="items"/> items in force.</summary>
    private static async Task<List<GuideDocument>> GuideDocumentsAsync(BenchHost host, int items)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OneSealDb>();
        var catalog = scope.ServiceProvider.GetRequiredService<CatalogQueries>();
        var codes = await db.Set<Item>().AsNoTracking().Select(i => i.Code).Distinct().OrderBy(c => c).ToListAsync();
        var documents = new List<GuideDocument>();
        var taken = 0;
        foreach (var code in codes)
        {
            if (taken == items) break;
            CatalogQueries.ItemGuide guide;
            try { guide = await catalog.GuideAsync(code, default); }
            catch (NotFoundException) { continue; } // no version in force
            taken++;
            documents.Add(new(code, GuidePdfs.Guide, Catalog.Guides.GuideDocument.Html));
            foreach (var m in guide.Materials.Where(m => m.BlankForm))
                documents.Add(new(code, GuidePdfs.BlankForm(m.Code), g => BlankFormDocument.Html(g, g.Materials.First(x => x.Code == m.Code))));
        }
        return documents;
    }

    /// <summary>Every document opened once, by <paramref name="workers"/> visitors at once; milliseconds per request.</summary>
    private static async Task<List<double>> FirstRendersAsync(string name, BenchHost host, IPdfRenderer renderer,
        List<GuideDocument> documents, int workers)
    {
        await using (var scope = host.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<OneSealDb>().Set<GuidePdfFile>().ExecuteDeleteAsync();
        // One instance's gate, as in the app (GuidePdfs renders one document at a time per instance).
        using var gate = new GuideRenderGate();
        var queue = new Queue<GuideDocument>(documents);
        var times = new List<double>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                GuideDocument next;
                lock (queue) { if (!queue.TryDequeue(out next!)) return; }
                var visit = Stopwatch.StartNew();
                await using var scope = host.Services.CreateAsyncScope();
                var sp = scope.ServiceProvider;
                var guide = await sp.GetRequiredService<CatalogQueries>().GuideAsync(next.Code, default);
                var pdfs = new GuidePdfs(sp.GetRequiredService<OneSealDb>(), renderer, sp.GetRequiredService<IFileStore>(),
                    sp.GetRequiredService<TimeProvider>(), gate, sp.GetRequiredService<ILogger<GuidePdfs>>());
                await pdfs.GetAsync(guide.Item.Id, next.Document, () => next.Html(guide), default);
                lock (times) times.Add(visit.Elapsed.TotalMilliseconds);
            }
        })));
        Out.Line($"{name}: {documents.Count} first renders of guides and blank forms in {clock.Elapsed.TotalSeconds:0.0} s; " +
                 $"per request p50 {Percentile(times, 0.50):0} ms, p95 {Percentile(times, 0.95):0} ms, max {times.DefaultIfEmpty().Max():0} ms");
        return times;
    }

    internal static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0) return 0;
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static string CertificateHtml(int n) => CertificateDocument.Html(new CertificateSheet(
        "食品经营许可证", $"QSBENCH-{n:000000}", "青山县好味道餐饮有限公司", "001", "913501********0Y43", "食品经营许可",
        [new("经营场所", "青山县城关镇解放路 88 号"), new("主体业态", "餐饮服务经营者（中型餐馆）"), new("经营项目", "热食类食品制售；冷食类食品制售")],
        "青山县行政审批局", new DateOnly(2026, 12, 7), new DateOnly(2026, 12, 7), new DateOnly(2031, 12, 6),
        $"https://zwfw.example.gov.cn/verify/QSBENCH-{n:000000}"));
}
