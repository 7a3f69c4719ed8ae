using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Time;
using OneSeal.Platform.Security;

using OneSeal.Hall;

namespace OneSeal.Counter.Fees;

/// <summary>What the payment platform posts when a payment code has been paid.</summary>
public sealed record PaymentNotification(string? TransactionId, string? PaymentCode, decimal? Amount, string? ReceiptNumber);

public sealed record CallbackResult(string Status, Guid PaymentId, string CaseNumber);

/// <summary>401: the callback's signature or timestamp does not hold (forged, altered or replayed late).</summary>
public sealed class CallbackRejectedException(string rule, string message) : DomainException(message)
{
    public override int StatusCode => 401;
    public override string Rule { get; } = rule;
}

/// <summary>
/// <c>POST /api/v1/payments/callback</c> from the non-tax payment platform (非税收入缴款平台). The platform signs
/// <c>timestamp + "\n" + body</c> with HMAC-SHA256 under the shared <c>OneSeal:Payments:CallbackSecret</c> and sends the
/// lower-case hex in <c>X-Payment-Signature</c>, the Unix seconds in <c>X-Payment-Timestamp</c>. A timestamp further than
/// the tolerance from now is a replay (401 <c>stale-timestamp</c>); a wrong signature 401 <c>signature</c>; the same
/// transaction id again is answered as before and records nothing (idempotent), used for another code 409.
/// </summary>
public sealed class PaymentCallbacks(OneSealDb db, FeeCommands fees, PaymentOptions options, TimeProvider clock)
{
    public const string SignatureHeader = "X-Payment-Signature", TimestampHeader = "X-Payment-Timestamp";

    /// <summary>Who the case timeline names for a payment the platform reported.</summary>
    private static readonly Actor Platform = SystemActor.Instance with { Username = "payment-platform", DisplayName = "缴款平台" };

    public async Task<CallbackResult> ReceiveAsync(string? timestamp, string? signature, byte[] body, CancellationToken ct)
    {
        PaymentNotification? note = null;
        try
        {
            Verify(timestamp, signature, body);
            note = Parse(body);
            return await db.InTransactionAsync(() => RecordAsync(note, ct), ct);
        }
        catch (DomainException e)
        {
            await HallRefusals.AuditAsync(db, null, "fee.callback-refused", "payment-callback", note?.TransactionId ?? "-", e, clock.Now(), ct);
            throw;
        }
    }

    /// <summary>The signature the platform sends for <paramref name="body"/> at <paramref name="timestamp"/> (also what the tests' fake platform uses).</summary>
    public static string Sign(string secret, string timestamp, byte[] body)
    {
        var message = new byte[Encoding.ASCII.GetByteCount(timestamp) + 1 + body.Length];
        var n = Encoding.ASCII.GetBytes(timestamp, message);
        message[n] = (byte)'\n';
        body.CopyTo(message, n + 1);
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message));
    }

    private void Verify(string? timestamp, string? signature, byte[] body)
    {
        if (options.CallbackSecret is not { } secret) throw new CallbackRejectedException("callback-disabled", "未配置缴款平台回调密钥，拒绝回调。");
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || timestamp!.Length > 12)
            throw new CallbackRejectedException("stale-timestamp", $"缺少或无法识别回调时间戳（{TimestampHeader}）。");
        var age = Math.Abs(clock.GetUtcNow().ToUnixTimeSeconds() - seconds);
        if (age > options.CallbackToleranceSeconds)
            throw new CallbackRejectedException("stale-timestamp", $"回调时间戳超出允许的时间偏差（{options.CallbackToleranceSeconds}秒），疑似重放。");
        var expected = Encoding.ASCII.GetBytes(Sign(secret, timestamp, body));
        var given = Encoding.ASCII.GetBytes((signature ?? "").Trim().ToLowerInvariant());
        if (!CryptographicOperations.FixedTimeEquals(expected, given))
            throw new CallbackRejectedException("signature", $"回调签名（{SignatureHeader}）验证失败。");
    }

    private static PaymentNotification Parse(byte[] body)
    {
        PaymentNotification? n;
        try { n = JsonSerializer.Deserialize<PaymentNotification>(body, JsonSerializerOptions.Web); }
        catch (JsonException) { throw new InvalidInputException("body", "json", "回调内容不是有效的JSON。"); }
        if (n is null) throw new InvalidInputException("body", "required", "回调内容不能为空。");
        if (string.IsNullOrWhiteSpace(n.TransactionId) || n.TransactionId.Length > 64)
            throw new InvalidInputException("transactionId", "required", "缴款平台交易流水号（transactionId）不能为空且不超过64个字符。");
        if (!PaymentCodes.IsValid(n.PaymentCode)) throw new InvalidInputException("paymentCode", "payment-code", "非税缴款码（paymentCode）应为20位数字且校验位正确。");
        if (n.Amount is null) throw new InvalidInputException("amount", "required", "缴款金额（amount）不能为空。");
        if (n.ReceiptNumber is { Length: > 64 }) throw new InvalidInputException("receiptNumber", "max-length", "电子票据号不能超过64个字符。");
        return n;
    }

    private async Task<CallbackResult> RecordAsync(PaymentNotification n, CancellationToken ct)
    {
        var known = await db.Set<FeePayment>().AsNoTracking().FirstOrDefaultAsync(p => p.PlatformTransactionId == n.TransactionId, ct);
        var demand = await fees.LockDemandAsync(d => d.PaymentCode == n.PaymentCode, ct) ?? throw new NotFoundException("缴款码不存在。");
        if (known is not null)
            return known.DemandId == demand.Id && known.Amount == n.Amount
                ? new CallbackResult("already-recorded", known.Id, demand.CaseNumber)
                : throw new ConflictException("transaction-reused", "该交易流水号已用于其他缴款。");
        if (demand.Status != FeeDemandStatus.Unpaid)
            throw new ConflictException("fee-not-unpaid", $"办件 {demand.CaseNumber} 的费用{FeeLabels.Of(demand.Status)}。");
        if (n.Amount != demand.Amount)
            throw new InvalidInputException("amount", "amount-mismatch", $"缴款金额应为 {Rmb.Figures(demand.Amount)}。");
        var now = clock.Now();
        var payment = await fees.RecordAsync(demand, PaymentMethod.Platform, n.ReceiptNumber?.Trim(), n.TransactionId!.Trim(), null, Platform, now, ct);
        db.Audit(null, "fee.paid", "case", demand.CaseId.ToString(),
            $"缴款平台回调：{Rmb.Figures(demand.Amount)}，交易流水号 {n.TransactionId}，缴款码 {demand.PaymentCode}", now);
        await db.CommitAsync(ct);
        return new CallbackResult("recorded", payment.Id, demand.CaseNumber);
    }
}
