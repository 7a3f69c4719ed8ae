using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using OneSeal.Platform.Spreadsheets;

namespace OneSeal.Queue.Stats;

/// <summary>The queue statistics as a workbook: one sheet per grouping (theme, window, staff, hour), the same columns.</summary>
public static class QueueStatsExport
{
    public static MemoryStream Write(QueueStatsView v)
    {
        var output = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(output, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = XlsxStyles.Create();
            var sheets = new Sheets();
            uint n = 1;
            var period = $"{v.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} 至 {v.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
            foreach (var (name, rows, idle) in new[] { ("按领域", v.ByTheme, false), ("按窗口", v.ByWindow, true), ("按工作人员", v.ByStaff, false), ("按时段", v.ByHour, false) })
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                using (var w = new XlsxSheetWriter(part, frozenRows: 1))
                {
                    w.Row(["统计期间", name, "取号", "已办结", "过号", "转窗", "平均等候（分钟）", "平均办理（分钟）", "过号率", "转窗率", .. (idle ? new object?[] { "有人等候时空闲（分钟）" } : [])],
                        XlsxSheetWriter.HeaderStyle);
                    foreach (var r in rows.Append(v.Total))
                        w.Row([period, r.Label, r.Taken, r.Served, r.NoShow, r.Transferred, r.AvgWaitMinutes, r.AvgServiceMinutes, r.NoShowRate, r.TransferRate,
                            .. (idle ? new object?[] { r.IdleMinutes } : [])], r.Key == "all" ? XlsxSheetWriter.HeaderStyle : 0);
                }
                sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = n++, Name = name });
            }
            workbook.Workbook = new Workbook(sheets);
        }
        output.Position = 0;
        return output;
    }
}
