using OneSeal.Platform.Spreadsheets;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using OneSeal.Catalog.Editing;
using OneSeal.Organisation;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;

namespace OneSeal.Catalog.Exchange;

/// <summary>
/// Imports a workbook in the export's layout as drafts: every row of every sheet is read and every item is staged
/// through <see cref="CatalogEditor.StageAsync"/> (the same rules as the editing form); if anything failed, nothing is
/// written and every error is returned by sheet, row and column. Otherwise all drafts, one audit line per item and one
/// for the import are committed in one transaction. Nothing is published: the administrator reviews the drafts. An item
/// equal to the version it would follow gets no draft (counted as unchanged), so an unchanged export imports as nothing.
/// </summary>
public sealed partial class CatalogImport(OneSealDb db, CatalogEditor editor, TimeProvider clock, IConfiguration config)
{
    public const long DefaultMaxBytes = 20L * 1024 * 1024;
    public const int DefaultMaxRows = 20_000;

    /// <summary>Errors listed in one answer at most; the count says how many there were.</summary>
    public const int MaxErrorsListed = 5_000;

    private const int ProgressEvery = 100;

    public long MaxBytes => config.GetValue("Catalog:ImportMaxBytes", DefaultMaxBytes);

    /// <summary>Items per file; the list sheets may hold ten rows per item.</summary>
    public int MaxRows => config.GetValue("Catalog:ImportMaxRows", DefaultMaxRows);

    public static void EnsureAdmin(Actor actor)
    {
        if (!actor.Has(Roles.Admin)) throw new ForbiddenException("role", "只有系统管理员可以导入事项清单。");
    }

    /// <summary>Imports the workbook in <paramref name="xlsx"/> (seekable, already within <see cref="MaxBytes"/>).</summary>
    public async Task<ImportResult> RunAsync(Actor actor, Stream xlsx, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        EnsureAdmin(actor);
        if (xlsx.Length == 0) throw new InvalidInputException("file", "required", "请选择要导入的 .xlsx 文件（文件为空）。");
        var errors = new ImportErrors();
        progress?.Report(new ImportProgress("read", 0, 0));
        List<ImportedItem> items;
        Dictionary<string, SheetColumns> columns;
        // The part cap is generous for real catalogs (10,000 items inflate to ~30 MB) and far below a zip bomb.
        using (var book = XlsxBook.Open(xlsx, new XlsxLimits(MaxPartBytes: 50 * MaxBytes, MaxTotalBytes: 100 * MaxBytes, MaxRows * 10)))
        {
            (items, columns) = CatalogWorkbook.Read(book, errors);
        }
        if (items.Count > MaxRows) throw new TooLargeException("file", $"一次最多导入 {MaxRows} 个事项，本文件有 {items.Count} 个。");

        var lookups = await CatalogLookups.LoadAsync(db, ct);
        var existing = (await db.Set<Item>().Select(i => i.Code).Distinct().ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var staged = new List<Item>(items.Count);
        var unchanged = 0;
        progress?.Report(new ImportProgress("validate", 0, items.Count));
        foreach (var (item, i) in items.Select((x, i) => (x, i)))
        {
            var (draft, problems) = await editor.StageAsync(actor, item.Input, lookups, ct);
            foreach (var p in problems) Report(errors, columns, item, p);
            if (problems.Count == 0 && editor.UnstageIfUnchanged(draft)) unchanged++;
            else staged.Add(draft);
            if ((i + 1) % ProgressEvery == 0 || i + 1 == items.Count) progress?.Report(new ImportProgress("validate", i + 1, items.Count));
        }
        if (errors.List.Count > 0)
            throw new ImportRejectedException(errors.List.OrderBy(e => SheetOrder(e.Sheet)).ThenBy(e => e.Row).ThenBy(e => e.Column?.Length).ThenBy(e => e.Column, StringComparer.Ordinal).ToList());

        progress?.Report(new ImportProgress("save", 0, items.Count));
        var now = Instants.Now(clock);
        var created = staged.Count(d => !existing.Contains(d.Code));
        foreach (var draft in staged)
            db.Audit(actor, "catalog.draft.import", "item", draft.Code, $"第{draft.Version}版（Excel 导入）", now);
        db.Audit(actor, "catalog.import", "catalog", "xlsx", $"导入 {items.Count} 个事项：新建 {created}，更新 {staged.Count - created}，未变化 {unchanged}", now);
        try { await db.CommitAsync(ct); }
        catch (DbUpdateException)
        {
            throw new ConflictException("concurrent-edit", "导入期间有事项被他人修改，请重新导入。");
        }
        progress?.Report(new ImportProgress("save", items.Count, items.Count));
        return new ImportResult(items.Count, created, staged.Count - created, unchanged);
    }

    private static int SheetOrder(string sheet) => sheet switch
    {
        ExchangeColumns.ItemsSheet => 0, ExchangeColumns.MaterialsSheet => 1, _ => 2,
    };

    [GeneratedRegex(@"^(?<list>materials|formFields)\[(?<i>\d+)\](?:\.(?<key>\w+))?$")]
    private static partial Regex ListField();

    /// <summary>Points a rule's problem (field path such as <c>materials[2].code</c>) at the cell it came from.</summary>
    private static void Report(ImportErrors errors, Dictionary<string, SheetColumns> columns, ImportedItem item, CatalogProblem p)
    {
        var (sheet, row, key) = (ExchangeColumns.ItemsSheet, item.Row, Root(p.Field));
        if (ListField().Match(p.Field) is { Success: true } m)
        {
            var i = int.Parse(m.Groups["i"].Value, System.Globalization.CultureInfo.InvariantCulture);
            var materials = m.Groups["list"].Value == "materials";
            var rows = materials ? item.MaterialRows : item.FormFieldRows;
            (sheet, row, key) = (materials ? ExchangeColumns.MaterialsSheet : ExchangeColumns.FormFieldsSheet,
                i < rows.Count ? rows[i] : item.Row, m.Groups["key"].Success ? m.Groups["key"].Value : "");
        }
        var sheetColumns = columns[sheet];
        var column = sheetColumns.IndexOf(key);
        // The cell could not be read at all: its own error says why; the rule's "required" would only repeat it.
        if (column >= 0 && errors.Reported(sheet, row, column)) return;
        errors.Add(sheet, row, column, column >= 0 ? sheetColumns.HeaderOf(key) : null, p.Field, p.Rule, p.Message);
    }

    private static string Root(string field)
    {
        var end = field.IndexOfAny(['[', '.']);
        return end < 0 ? field : field[..end];
    }
}
