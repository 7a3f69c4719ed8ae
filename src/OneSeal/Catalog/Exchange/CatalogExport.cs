using OneSeal.Platform.Spreadsheets;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using OneSeal.Catalog.Versions;
using OneSeal.Organisation;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;

namespace OneSeal.Catalog.Exchange;

/// <summary>
/// The catalog as an .xlsx (sheets items, materials, formFields, reference; see <see cref="ExchangeColumns"/>): the
/// version in force of every item, or with <c>drafts</c> the open draft where there is one. Items are read in batches
/// and every sheet is streamed, so the size of the catalog bounds neither memory nor a DOM.
/// </summary>
public sealed class CatalogExport(OneSealDb db, TimeProvider clock)
{
    public const string ContentType = XlsxBook.ContentType;
    private const int Batch = 500;

    public static bool MayExport(Actor actor) => actor.Has(Roles.Admin) || actor.Has(Roles.Chief) || actor.Has(Roles.Monitor);

    /// <summary>The workbook in a self-deleting temporary file, positioned at its start (for a file response, which disposes it).</summary>
    public async Task<Stream> ToTempFileAsync(Actor actor, bool drafts, CancellationToken ct)
    {
        var file = ImportUpload.TempFile();
        try
        {
            await WriteAsync(actor, drafts, file, ct);
            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// <summary>Writes the workbook to <paramref name="output"/>, which must be readable, writable and seekable (the zip container needs it).</summary>
    public async Task WriteAsync(Actor actor, bool drafts, Stream output, CancellationToken ct)
    {
        if (!MayExport(actor)) throw new ForbiddenException("role", "只有系统管理员、科长和电子监察人员可以导出事项清单。");
        var ids = await ChooseAsync(drafts, ct);
        var agencies = await db.Set<Agency>().AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Code, ct);
        var reference = await ReferenceRows.LoadAsync(db, ct);

        using var document = SpreadsheetDocument.Create(output, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = XlsxStyles.Create();
        var sheets = new Sheets();

        await SheetAsync(workbook, sheets, ExchangeColumns.ItemsSheet, ExchangeColumns.Items, async write =>
        {
            await foreach (var item in ItemsAsync(ids, ct)) write(new ItemRow(item, agencies));
        });
        await SheetAsync(workbook, sheets, ExchangeColumns.MaterialsSheet, ExchangeColumns.Materials, async write =>
        {
            await foreach (var item in ItemsAsync(ids, ct))
                foreach (var m in item.Materials.OrderBy(m => m.SortOrder)) write(new MaterialRow(item.Code, m));
        });
        await SheetAsync(workbook, sheets, ExchangeColumns.FormFieldsSheet, ExchangeColumns.FormFields, async write =>
        {
            await foreach (var item in ItemsAsync(ids, ct))
                foreach (var f in item.FormFields.OrderBy(f => f.SortOrder)) write(new FormFieldRow(item.Code, f));
        });
        var referencePart = workbook.AddNewPart<WorksheetPart>();
        using (var w = new XlsxSheetWriter(referencePart, frozenRows: 2))
        {
            w.Row(ReferenceRows.Header, XlsxSheetWriter.HeaderStyle);
            w.Row(ReferenceRows.Keys, XlsxSheetWriter.KeyStyle);
            foreach (var row in reference) w.Row(row);
        }
        sheets.Append(new Sheet { Id = workbook.GetIdOfPart(referencePart), SheetId = (uint)sheets.ChildElements.Count + 1, Name = ExchangeColumns.ReferenceSheet });
        workbook.Workbook = new Workbook(sheets);
    }

    private static async Task SheetAsync<T>(WorkbookPart workbook, Sheets sheets, string name, IReadOnlyList<ExchangeColumn<T>> columns, Func<Action<T>, Task> rows)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        using (var w = new XlsxSheetWriter(part, frozenRows: 2))
        {
            w.Row(columns.Select(c => c.Header), XlsxSheetWriter.HeaderStyle);
            w.Row(columns.Select(c => c.Key), XlsxSheetWriter.KeyStyle);
            await rows(row => w.Row(columns.Select(c => c.Get(row))));
        }
        sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = (uint)sheets.ChildElements.Count + 1, Name = name });
    }

    /// <summary>The version ids to export, ordered by item code.</summary>
    private async Task<List<Guid>> ChooseAsync(bool drafts, CancellationToken ct)
    {
        var today = LegalDates.Today(clock);
        var chosen = (await db.Set<Item>().AsNoTracking().InForce(db, today).Select(i => new { i.Code, i.Id }).ToListAsync(ct))
            .ToDictionary(x => x.Code, x => x.Id, StringComparer.Ordinal);
        if (drafts)
            foreach (var d in await db.Set<Item>().AsNoTracking()
                         .Where(i => i.Status == ItemVersionStatus.Draft || i.Status == ItemVersionStatus.InReview)
                         .Select(i => new { i.Code, i.Id }).ToListAsync(ct))
                chosen[d.Code] = d.Id;
        return chosen.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => c.Value).ToList();
    }

    private async IAsyncEnumerable<Item> ItemsAsync(List<Guid> ids, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        for (var i = 0; i < ids.Count; i += Batch)
        {
            var batch = ids.Skip(i).Take(Batch).ToList();
            var items = await ItemVersions.WithLists(db.Set<Item>().AsNoTracking()).Where(x => batch.Contains(x.Id)).ToListAsync(ct);
            foreach (var item in items.OrderBy(x => x.Code, StringComparer.Ordinal)) yield return item;
        }
    }
}
