using OneSeal.Platform.Spreadsheets;
using OneSeal.Catalog.Editing;
using OneSeal.Platform.Http;

namespace OneSeal.Catalog.Exchange;

/// <summary>An item read from the workbook: its draft input and the rows it came from (to point errors at cells).</summary>
internal sealed record ImportedItem(string Code, int Row, ItemDraftInput Input, List<int> MaterialRows, List<int> FormFieldRows);

/// <summary>
/// Turns the three data sheets into one <see cref="ItemDraftInput"/> per items-sheet row, with the materials and form
/// fields that name its code, in sheet order. Cells that cannot be read are errors; the editing rules run later.
/// </summary>
internal static class CatalogWorkbook
{
    public static (List<ImportedItem> Items, Dictionary<string, SheetColumns> Columns) Read(XlsxBook book, ImportErrors errors)
    {
        foreach (var sheet in new[] { ExchangeColumns.ItemsSheet, ExchangeColumns.MaterialsSheet, ExchangeColumns.FormFieldsSheet })
            if (!book.Has(sheet))
                throw new InvalidInputException("file", "missing-sheet", $"工作簿缺少工作表“{sheet}”（请使用本系统导出的模板）。");

        var items = new Dictionary<string, ImportedItem>(StringComparer.Ordinal);
        var ordered = new List<ImportedItem>();
        var columns = new Dictionary<string, SheetColumns>();
        columns[ExchangeColumns.ItemsSheet] = ReadSheet(book, ExchangeColumns.ItemsSheet, ExchangeColumns.Items.Select(c => c.Key), errors, row =>
        {
            var code = row.Text("code")?.Trim() ?? "";
            var item = new ImportedItem(code, row.Number, ItemInput(row, code), [], []);
            if (code != "" && !items.TryAdd(code, item))
            {
                row.Fail("code", "code", "duplicate-code", $"事项编码“{code}”在第{items[code].Row}行已出现过。");
                return;
            }
            ordered.Add(item);
        });
        if (ordered.Count == 0 && errors.List.Count == 0)
            throw new InvalidInputException("file", "no-items", "工作表“items”没有任何事项（数据从第3行开始）。");

        columns[ExchangeColumns.MaterialsSheet] = ReadSheet(book, ExchangeColumns.MaterialsSheet, ExchangeColumns.Materials.Select(c => c.Key), errors, row =>
        {
            if (Owner(row, items) is not { } item) return;
            item.Input.Materials!.Add(new MaterialInput
            {
                Code = row.Text("code"), Name = row.Text("name"), Required = row.Bool("required"), Tolerable = row.Bool("tolerable"),
                ReplaceableByCommitment = row.Bool("replaceableByCommitment"),
                Description = row.Text("description"), Source = row.Text("source"), MaterialType = row.Text("materialType"),
                Form = row.Text("form"), Copies = row.Int("copies"), LegalBasis = row.Text("legalBasis"), BlankForm = row.Bool("blankForm"),
            });
            item.MaterialRows.Add(row.Number);
        });
        columns[ExchangeColumns.FormFieldsSheet] = ReadSheet(book, ExchangeColumns.FormFieldsSheet, ExchangeColumns.FormFields.Select(c => c.Key), errors, row =>
        {
            if (Owner(row, items) is not { } item) return;
            item.Input.FormFields!.Add(new FormFieldInput { Key = row.Text("key"), Label = row.Text("label"), Type = row.Text("type"), Required = row.Bool("required") });
            item.FormFieldRows.Add(row.Number);
        });
        return (ordered, columns);
    }

    private static ItemDraftInput ItemInput(SheetRow row, string code) => new()
    {
        Code = code, BasicCode = row.Text("basicCode"), ParentCode = row.Text("parentCode"), Name = row.Text("name"),
        Category = row.Text("category"), Kind = row.Text("kind"), ServiceObject = row.Text("serviceObject"), Level = row.Text("level"),
        CompetentDepartment = row.Text("competentDepartment"), ImplementingBody = row.Text("implementingBody"),
        EntrustedBody = row.Text("entrustedBody"), HandlingSection = row.Text("handlingSection"), SupervisingDepartment = row.Text("supervisingDepartment"),
        StatutoryDays = row.Int("statutoryDays"), PromisedDays = row.Int("promisedDays"),
        LegalBasis = row.Text("legalBasis"), LegalBasisText = row.Text("legalBasisText"), Conditions = row.Text("conditions"),
        FeeCharged = row.Bool("feeCharged"), FeeAmount = row.Decimal("feeAmount"), FeeStandard = row.Text("feeStandard"), FeeBasis = row.Text("feeBasis"),
        Visits = row.Int("visits"), OnlineDepth = row.Int("onlineDepth"), Appointment = row.Bool("appointment"), ResultByPost = row.Bool("resultByPost"),
        Tongban = row.Text("tongban"), ResultName = row.Text("resultName"), ResultTypeCode = row.Text("resultTypeCode"),
        ResultValidityYears = row.Int("resultValidityYears"), ResultSample = row.Text("resultSample"),
        IntermediaryServices = row.Text("intermediaryServices"), Phone = row.Text("phone"), ComplaintPhone = row.Text("complaintPhone"),
        Window = row.Text("window"), CommitmentApproval = row.Bool("commitmentApproval"), DeemedApprovalOnTimeout = row.Bool("deemedApprovalOnTimeout"),
        HolderNameField = row.Text("holderNameField"), HolderCodeField = row.Text("holderCodeField"), HolderCodeType = row.Text("holderCodeType"),
        ChangeNote = row.Text("changeNote"), Steps = Steps(row),
        JointDepartments = StepsText.Codes(row.Text("jointDepartments")), Themes = StepsText.Codes(row.Text("themes")),
        Materials = [], FormFields = [],
    };

    private static List<StepInput> Steps(SheetRow row)
    {
        var text = row.Text("steps");
        if (text is null) return [];
        var (steps, bad) = StepsText.Parse(text);
        if (steps is not null) return steps;
        row.Fail("steps", "steps", "step-syntax",
            $"办理环节第{bad}段写法有误：应为“环节:占比”，用;分隔，不计时的环节末尾加!，例如 Accept:10;Review:60;Decide:20;Deliver:10;SiteInspection:0!");
        return [];
    }

    private static ImportedItem? Owner(SheetRow row, Dictionary<string, ImportedItem> items)
    {
        var code = row.Text("itemCode")?.Trim();
        if (code is null) { row.Fail("itemCode", "itemCode", "required", "请填写所属事项的实施编码。"); return null; }
        if (items.TryGetValue(code, out var item)) return item;
        row.Fail("itemCode", "itemCode", "unknown-item", $"事项“{code}”不在工作表“items”中。");
        return null;
    }

    /// <summary>Checks the key row (row 2): every expected key once, nothing else; then hands each data row to <paramref name="onRow"/>.</summary>
    private static SheetColumns ReadSheet(XlsxBook book, string sheet, IEnumerable<string> expected, ImportErrors errors, Action<SheetRow> onRow)
    {
        var keys = expected.ToList();
        SheetColumns? columns = null;
        var headers = new Dictionary<int, string>();
        foreach (var row in book.Rows(sheet))
        {
            if (row.Number == 1) { foreach (var (i, c) in row.Cells) headers[i] = c.Text; continue; }
            if (row.Number < ExchangeColumns.FirstDataRow)
            {
                columns = Columns(sheet, row, keys, headers);
                continue;
            }
            columns ??= Columns(sheet, new XlsxRow(2, new Dictionary<int, XlsxCell>()), keys, headers);
            onRow(new SheetRow(sheet, row, columns, errors));
        }
        return columns ?? Columns(sheet, new XlsxRow(2, new Dictionary<int, XlsxCell>()), keys, headers);
    }

    private static SheetColumns Columns(string sheet, XlsxRow keyRow, List<string> keys, Dictionary<int, string> headers)
    {
        var found = new Dictionary<string, int>(StringComparer.Ordinal);
        var unknown = new List<string>();
        foreach (var (i, cell) in keyRow.Cells.OrderBy(c => c.Key))
        {
            var key = cell.Text.Trim();
            if (!keys.Contains(key) || !found.TryAdd(key, i)) unknown.Add($"{ExchangeColumns.Letter(i)}2“{key}”");
        }
        var missing = keys.Where(k => !found.ContainsKey(k)).ToList();
        if (missing.Count > 0 || unknown.Count > 0)
            throw new InvalidInputException("file", "headers",
                $"工作表“{sheet}”第2行的列标识不符合模板" + (missing.Count > 0 ? $"，缺少：{string.Join("、", missing)}" : "")
                + (unknown.Count > 0 ? $"，无法识别或重复：{string.Join("、", unknown)}" : "") + "（请使用本系统导出的模板）。");
        return new SheetColumns(found, found.ToDictionary(f => f.Key, f => headers.GetValueOrDefault(f.Value) ?? f.Key));
    }
}
