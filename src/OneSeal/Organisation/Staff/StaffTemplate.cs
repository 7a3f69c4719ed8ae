using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Database;
using OneSeal.Platform.Security;
using OneSeal.Platform.Spreadsheets;

namespace OneSeal.Organisation.Staff;

/// <summary>The import template: the 工作人员 sheet with its headers, and two sheets listing the role names and organisation codes to use.</summary>
public sealed class StaffTemplate(OneSealDb db)
{
    public const string FileName = "staff-import-template.xlsx";

    public async Task<byte[]> CreateAsync(Actor actor, CancellationToken ct)
    {
        StaffAccess.EnsureAdmin(actor);
        var organisations = await db.Set<Agency>().AsNoTracking().Where(a => a.ClosedAt == null).OrderBy(a => a.Code).ToListAsync(ct);
        using var output = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(output, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = XlsxStyles.Create();
            var sheets = new Sheets();
            Sheet(workbook, sheets, "工作人员", StaffImport.Headers, []);
            Sheet(workbook, sheets, "角色", ["角色（填入“角色”列，多个用逗号分隔）"], StaffImport.Importable.Select(r => new object?[] { RoleLabels.Of(r) }));
            Sheet(workbook, sheets, "机构", ["机构代码（填入“所属机构”列）", "机构名称"], organisations.Select(o => new object?[] { o.Code, o.Name }));
            workbook.Workbook = new Workbook(sheets);
        }
        return output.ToArray();
    }

    private static void Sheet(WorkbookPart workbook, Sheets sheets, string name, IEnumerable<string> header, IEnumerable<object?[]> rows)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        using (var w = new XlsxSheetWriter(part, frozenRows: 1))
        {
            w.Row(header, XlsxSheetWriter.HeaderStyle);
            foreach (var row in rows) w.Row(row);
        }
        sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = (uint)sheets.ChildElements.Count + 1, Name = name });
    }
}
