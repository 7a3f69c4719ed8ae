using OneSeal.Platform.Spreadsheets;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Catalog.Exchange;
using OneSeal.Organisation;
using OneSeal.Platform.Http;
using OneSeal.Resources;

namespace OneSeal.Pages.Admin;

/// <summary>
/// 事项清单导入导出: export links for those who may read the catalog, and for the administrator an upload that imports
/// a workbook as drafts. Without script the form posts and the page shows the result. With script the same POST is
/// sent by XMLHttpRequest (upload progress) and asks, by header, for progress lines: the response streams one JSON
/// object per line (read, validate n/total, save) and ends with the result or every error. Progress lives only in
/// the response being written, so any instance can serve any import and nothing needs cleaning up.
/// </summary>
[Authorize(Roles = Roles.Admin + "," + Roles.Chief + "," + Roles.Monitor)]
public sealed class CatalogImportModel(CatalogImport import, CatalogExport export, TimeProvider clock, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    public const string ProgressHeader = "X-Import-Progress";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public bool CanImport => User.IsInRole(Roles.Admin);
    public long MaxMegabytes => import.MaxBytes / 1024 / 1024;
    public ImportResult? Result { get; private set; }
    public IReadOnlyList<ImportError> ImportErrors { get; private set; } = [];
    public int ErrorCount { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnGetExportAsync(bool drafts, CancellationToken ct)
    {
        var file = await export.ToTempFileAsync(Me, drafts, ct);
        return File(file, CatalogExport.ContentType, CatalogExchangeApi.FileName(clock, drafts));
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ClearErrors();
        if (Request.Headers[ProgressHeader] == "1") return await StreamAsync(ct);
        try
        {
            await using var file = await ImportUpload.ReadAsync(Request, import.MaxBytes, ct);
            Result = await import.RunAsync(Me, file, null, ct);
        }
        catch (ImportRejectedException e)
        {
            ErrorCount = e.Errors.Count;
            ImportErrors = e.Errors.Take(CatalogImport.MaxErrorsListed).ToList();
            if (e.StatusCode == 400) Response.StatusCode = 400;
        }
        catch (DomainException e)
        {
            AddDomainError(e, _ => "file");
            Response.StatusCode = e.StatusCode;
        }
        return Page();
    }

    private async Task<IActionResult> StreamAsync(CancellationToken ct)
    {
        Response.ContentType = "application/x-ndjson; charset=utf-8";
        Response.Headers.CacheControl = "no-store";
        var lines = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
        var pump = PumpAsync(lines.Reader, ct);
        object last;
        try
        {
            await using var file = await ImportUpload.ReadAsync(Request, import.MaxBytes, ct);
            var result = await import.RunAsync(Me, file, new LineProgress(lines.Writer), ct);
            last = new { phase = "done", result };
        }
        catch (ImportRejectedException e)
        {
            last = new { phase = "failed", message = e.Message, errorCount = e.Errors.Count, errors = e.Errors.Take(CatalogImport.MaxErrorsListed) };
        }
        catch (DomainException e)
        {
            last = new { phase = "failed", message = ForPage(e.Message), errorCount = 0, errors = Array.Empty<ImportError>() };
        }
        lines.Writer.TryWrite(last);
        lines.Writer.Complete();
        await pump;
        return new EmptyResult();
    }

    // The only writer of the response body, so progress reported from the import never writes concurrently.
    private async Task PumpAsync(ChannelReader<object> reader, CancellationToken ct)
    {
        await foreach (var line in reader.ReadAllAsync(ct))
        {
            await Response.WriteAsync(JsonSerializer.Serialize(line, Json) + "\n", ct);
            await Response.Body.FlushAsync(ct);
        }
    }

    private sealed class LineProgress(ChannelWriter<object> writer) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => writer.TryWrite(value);
    }
}
