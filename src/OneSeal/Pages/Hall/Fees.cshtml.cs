using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Counter.Fees;
using OneSeal.Hall.Seats;
using OneSeal.Organisation;
using OneSeal.Platform.Http;
using OneSeal.Platform.Spreadsheets;
using OneSeal.Platform.Time;
using OneSeal.Resources;

namespace OneSeal.Pages.Hall;

/// <summary>
/// 集中收费窗口: find a fee demand by payment code or case number, record the payment (现金 / 银行卡 / 扫码, receipt or
/// e-invoice number), refund with a reason, and today's reconciliation with its xlsx export. Fee clerks at a fee window only.
/// </summary>
[Authorize(Roles = Roles.FeeClerk)]
public sealed class FeesModel(FeeQueries queries, FeeCommands fees, FeeReconciliation reconciliation, HallWindows hall, TimeProvider clock,
    IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    public MySeat Seat { get; private set; } = new(null, null, null, null);
    public FeeDemandView? Demand { get; private set; }
    public Reconciliation? Today { get; private set; }
    public IReadOnlyList<FeeDemandView> Recent { get; private set; } = [];

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty] public Guid? CaseId { get; set; }
    [BindProperty] public decimal? Amount { get; set; }
    [BindProperty] public string? Method { get; set; }
    [BindProperty] public string? ReceiptNumber { get; set; }
    [BindProperty] public Guid? PaymentId { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        ClearErrors();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostPayAsync(CancellationToken ct)
    {
        ClearErrors();
        try
        {
            if (CaseId is not { } id) throw new InvalidInputException("q", "required", "请先查询缴款通知。");
            var payment = await fees.PayAsync(Me, id, new PaymentInput(Amount, Method, ReceiptNumber), ct);
            Notify(T["已收费 {0}（{1}），票据号 {2}。", Rmb.Figures(payment.Amount), T[FeeLabels.Of(payment.Method)], payment.ReceiptNumber ?? ""]);
            return Redirect($"/hall/fees?q={Uri.EscapeDataString(Q ?? "")}");
        }
        catch (DomainException e)
        {
            AddDomainError(e);
            await LoadAsync(ct);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostRefundAsync(CancellationToken ct)
    {
        ClearErrors();
        try
        {
            if (PaymentId is not { } id) throw new InvalidInputException("reason", "required", "请选择要退费的缴款记录。");
            var payment = await fees.RefundAsync(Me, id, new RefundInput(Reason), ct);
            Notify(T["已退费 {0}。", Rmb.Figures(payment.Amount)]);
            return Redirect($"/hall/fees?q={Uri.EscapeDataString(Q ?? "")}");
        }
        catch (DomainException e)
        {
            AddDomainError(e);
            await LoadAsync(ct);
            return Page();
        }
    }

    /// <summary>Today's reconciliation as xlsx.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var day = LegalDates.Today(clock).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var file = await reconciliation.ExportAsync(Me, day, ct);
        return File(file, XlsxBook.ContentType, $"收费对账-{day}.xlsx");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Seat = await hall.MineAsync(Me, ct);
        try
        {
            Recent = await queries.TodayAsync(Me, LegalDates.Today(clock), ct);
            if (!string.IsNullOrWhiteSpace(Q)) Demand = await queries.FindAsync(Me, Q, ct);
        }
        catch (DomainException e)
        {
            AddDomainError(e);
        }
        Today = await reconciliation.ForAsync(Me, null, ct);
        Amount ??= Demand?.Amount;
    }
}
