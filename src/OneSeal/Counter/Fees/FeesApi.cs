using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Spreadsheets;

namespace OneSeal.Counter.Fees;

/// <summary>
/// 集中收费: <c>POST /api/v1/cases/{id}/payments</c> (fee window), <c>POST /api/v1/cases/{id}/fee-relief</c> (window chief), <c>POST /api/v1/payments/callback</c> (the payment
/// platform, signed), <c>POST /api/v1/payments/{id}/refund</c>, <c>GET /api/v1/payments/demands?q=</c> (find by payment
/// code or case number), <c>GET /api/v1/payments/reconciliation?date=</c> and its <c>/export</c> (xlsx).
/// </summary>
public sealed record PaymentRecorded(Guid PaymentId, Guid CaseId, decimal Amount, string AmountText, string Method, string MethodLabel, bool Refunded)
{
    public static PaymentRecorded Of(FeePayment p) =>
        new(p.Id, p.CaseId, p.Amount, Rmb.Figures(p.Amount), p.Method.ToString().ToLowerInvariant(), FeeLabels.Of(p.Method), p.RefundedAt is not null);
}

public sealed record FeeReliefDone(Guid CaseId, decimal Amount, string AmountText, decimal? OriginalAmount, string Status, string StatusLabel, string? Basis);

public static class FeesApi
{
    /// <summary>A callback is a few hundred bytes; anything far larger is not one.</summary>
    private const int MaxCallbackBytes = 16 * 1024;

    public static void MapFeesApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/cases/{id:guid}/payments", async (Guid id, PaymentInput? body, HttpContext http, FeeCommands fees, FeeQueries q, CancellationToken ct) =>
        {
            var payment = await fees.PayAsync(HttpActor.Of(http), id, body ?? new PaymentInput(null, null, null), ct);
            return TypedResults.Created($"/api/v1/payments/{payment.Id}", PaymentRecorded.Of(payment));
        }).WithName("recordPayment").WithSummary("Record a fee payment for a case").RequireAuthorization(AuthSetup.ApiPolicy).WithTags("payments");

        // 收费事项的执行权: a window chief with the grant reduces or waives an unpaid fee under a preferential policy.
        app.MapPost("/api/v1/cases/{id:guid}/fee-relief", async (Guid id, FeeReliefInput? body, HttpContext http, FeeRelief relief, FeeQueries q, CancellationToken ct) =>
        {
            var demand = await relief.RelieveAsync(HttpActor.Of(http), id, body ?? new FeeReliefInput(null, null), ct);
            return TypedResults.Ok(new FeeReliefDone(demand.CaseId, demand.Amount, Rmb.Figures(demand.Amount), demand.OriginalAmount,
                demand.Status.ToString().ToLowerInvariant(), FeeLabels.Of(demand.Status), demand.ReliefBasis));
        }).WithName("grantFeeRelief").WithSummary("Grant fee relief on a case").RequireAuthorization(AuthSetup.ApiPolicy).WithTags("payments");

        var g = app.MapGroup("/api/v1/payments").WithTags("payments");
        g.MapPost("/callback", async (HttpContext http, PaymentCallbacks callbacks, CancellationToken ct) =>
        {
            using var buffer = new MemoryStream();
            var read = new byte[4096];
            int n;
            while ((n = await http.Request.Body.ReadAsync(read, ct)) > 0)
            {
                buffer.Write(read, 0, n);
                if (buffer.Length > MaxCallbackBytes) throw new TooLargeException("body", "回调内容过大。");
            }
            var result = await callbacks.ReceiveAsync(http.Request.Headers[PaymentCallbacks.TimestampHeader].FirstOrDefault(),
                http.Request.Headers[PaymentCallbacks.SignatureHeader].FirstOrDefault(), buffer.ToArray(), ct);
            return TypedResults.Ok(result);
        }).WithName("receivePaymentCallback").WithSummary("Receive a payment provider's callback").AllowAnonymous().DisableAntiforgery().Accepts<PaymentNotification>("application/json");

        var staff = g.MapGroup("").RequireAuthorization(AuthSetup.ApiPolicy);
        staff.MapPost("/{id:guid}/refund", async (Guid id, RefundInput? body, HttpContext http, FeeCommands fees, CancellationToken ct) =>
        {
            var payment = await fees.RefundAsync(HttpActor.Of(http), id, body ?? new RefundInput(null), ct);
            return TypedResults.Ok(PaymentRecorded.Of(payment));
        }).WithName("refundPayment").WithSummary("Refund a payment");
        staff.MapGet("/demands", async (string? q, HttpContext http, FeeQueries fees, CancellationToken ct) =>
            TypedResults.Ok(await fees.FindAsync(HttpActor.Of(http), q, ct))).WithName("listFeeDemands").WithSummary("List fee demands");
        staff.MapGet("/reconciliation", async (string? date, HttpContext http, FeeReconciliation r, CancellationToken ct) =>
            TypedResults.Ok(await r.ForAsync(HttpActor.Of(http), date, ct))).WithName("getFeeReconciliation").WithSummary("Get a day's fee reconciliation");
        staff.MapGet("/reconciliation/export", async (string? date, HttpContext http, FeeReconciliation r, CancellationToken ct) =>
        {
            var actor = HttpActor.Of(http);
            var file = await r.ExportAsync(actor, date, ct);
            return Microsoft.AspNetCore.Http.Results.File(file, XlsxBook.ContentType, $"收费对账-{(string.IsNullOrWhiteSpace(date) ? "today" : date.Trim())}.xlsx");
        }).WithName("exportFeeReconciliation").WithSummary("Export a day's fee reconciliation");
    }
}
