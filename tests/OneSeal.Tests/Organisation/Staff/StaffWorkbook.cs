using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using OneSeal.Platform.Spreadsheets;

namespace OneSeal.Tests.Organisation.Staff;

/// <summary>A staff import workbook as a person fills it in: one sheet, headers in row 1, one person a row.</summary>
public static class StaffWorkbook
{
    public static readonly string[] Headers = ["用户名", "姓名", "工号", "所属机构", "角色", "手机"];

    public static byte[] Of(params string?[][] rows)
    {
        using var output = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(output, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            var part = workbook.AddNewPart<WorksheetPart>();
            using (var w = new XlsxSheetWriter(part, frozenRows: 1))
            {
                w.Row(Headers);
                foreach (var row in rows) w.Row(row);
            }
            workbook.Workbook = new Workbook(new Sheets(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = 1, Name = "工作人员" }));
        }
        return output.ToArray();
    }
}
