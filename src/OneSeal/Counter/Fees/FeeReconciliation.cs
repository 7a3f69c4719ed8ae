using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Spreadsheets;
using OneSeal.Platform.Time;

namespace OneSeal.Counter.Fees;

public sealed record MethodTotal(string Method, string MethodLabel, int Count, decimal Amount);
public sealed record DepartmentReconciliation(Guid DepartmentId, string DepartmentName, int Count, decimal Amount,
    IReadOnlyList<MethodTotal> ByMethod, int RefundCount, decimal RefundAmount, decimal Net);
public sealed record Reconciliation(DateOnly Date, IReadOnlyList<DepartmentReconciliation> Departments, int Count, decimal Amount,
    int RefundCount, decimal RefundAmount, decimal Net);

/// <summary>
/// 日终对账: the payments and refunds of one legal day, by department (the handling organisation the fee is collected for)
/// and method, for the fee window, the window chief and those who supervise; exportable as xlsx.
/// </summary>
public sealed class FeeReconciliation(OneSealDb db, AgencyDirectory agencies, TimeProvider clock)
{
    private static readonly string[] Readers = [Roles.FeeClerk, Roles.WindowChief, Roles.Leader, Roles.Monitor];

    public async Task<Reconciliation> ForAsync(Actor actor, string? date, CancellationToken ct)
    {
        if (!Readers.Any(actor.Has)) throw new ForbiddenException("role", "只有收费窗口人员、窗口负责人、领导和电子监察人员可以查看收费对账。");
        var day = ParseDate(date) ?? LegalDates.Today(clock);
        // Decimal sums in memory: SQLite stores decimals as text and cannot add them; a day's payments are few.
        var rows = await db.Set<FeePayment>().AsNoTracking().Where(p => p.PaidOn == day || p.RefundedOn == day).ToListAsync(ct);
        var departments = new List<DepartmentReconciliation>();
        foreach (var g in rows.GroupBy(p => p.DepartmentId))
        {
            var paid = g.Where(p => p.PaidOn == day).ToList();
            var refunded = g.Where(p => p.RefundedOn == day).ToList();
            var byMethod = paid.GroupBy(p => p.Method).OrderBy(m => m.Key)
                .Select(m => new MethodTotal(m.Key.ToString().ToLowerInvariant(), FeeLabels.Of(m.Key), m.Count(), m.Sum(p => p.Amount))).ToList();
            var amount = paid.Sum(p => p.Amount);
            var refundAmount = refunded.Sum(p => p.Amount);
            departments.Add(new DepartmentReconciliation(g.Key, (await agencies.GetAsync(db, g.Key, ct)).Name, paid.Count, amount, byMethod,
                refunded.Count, refundAmount, amount - refundAmount));
        }
        departments = departments.OrderBy(d => d.DepartmentName, StringComparer.Ordinal).ToList();
        var total = departments.Sum(d => d.Amount);
        var refunds = departments.Sum(d => d.RefundAmount);
        return new Reconciliation(day, departments, departments.Sum(d => d.Count), total, departments.Sum(d => d.RefundCount), refunds, total - refunds);
    }

    /// <summary>The day's reconciliation as one worksheet: a row per department and method, refunds, totals.</summary>
    public async Task<MemoryStream> ExportAsync(Actor actor, string? date, CancellationToken ct)
    {
        var r = await ForAsync(actor, date, ct);
        var output = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(output, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = XlsxStyles.Create();
            var part = workbook.AddNewPart<WorksheetPart>();
            using (var w = new XlsxSheetWriter(part, frozenRows: 1))
            {
                w.Row(["对账日期", "部门", "缴款方式", "笔数", "金额（元）", "退费笔数", "退费金额（元）", "净额（元）"], XlsxSheetWriter.HeaderStyle);
                var day = r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                foreach (var d in r.Departments)
                {
                    foreach (var m in d.ByMethod) w.Row([day, d.DepartmentName, m.MethodLabel, m.Count, m.Amount, null, null, null]);
                    w.Row([day, d.DepartmentName, "小计", d.Count, d.Amount, d.RefundCount, d.RefundAmount, d.Net], XlsxSheetWriter.HeaderStyle);
                }
                w.Row([day, "合计", null, r.Count, r.Amount, r.RefundCount, r.RefundAmount, r.Net], XlsxSheetWriter.HeaderStyle);
            }
            workbook.Workbook = new Workbook(new Sheets(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = 1, Name = "收费对账" }));
        }
        output.Position = 0;
        return output;
    }

    private static DateOnly? ParseDate(string? date)
    {
        if (string.IsNullOrWhiteSpace(date)) return null;
        return DateOnly.TryParseExact(date.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d : throw new InvalidInputException("date", "date", "对账日期（date）格式应为 yyyy-MM-dd。");
    }
}
