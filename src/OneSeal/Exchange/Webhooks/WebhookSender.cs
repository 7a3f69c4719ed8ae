using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Events;
using OneSeal.Platform.Http;

namespace OneSeal.Exchange.Webhooks;

/// <summary>
/// Sends one delivery: claims it (a conditional UPDATE taking its row lease — only one instance wins), posts the event's
/// CloudEvents envelope with the Standard Webhooks headers and the bureau's SM2 signature, then records the attempt and
/// its outcome in one transaction: delivered (2xx), subscription disabled (410), retried later, or given up after the
/// retry window with an alert on the subscription (at most one a day).
/// </summary>
public sealed class WebhookSender(OneSealDb db, WebhookHttp http, WebhookSecrets secrets, IWebhookSm2Signer sm2, IConfiguration config,
    ILogger<WebhookSender> log)
{
    private const int MaxError = 512;

    /// <summary>False when another run holds or finished the delivery.</summary>
    public async Task<bool> SendAsync(Guid id, DateTimeOffset now, CancellationToken ct)
    {
        var token = Guid.NewGuid().ToString("N");
        var leaseUntil = now + http.Client.Timeout + TimeSpan.FromSeconds(30);
        var claimed = await db.Set<WebhookDelivery>()
            .Where(d => d.Id == id && d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now && (d.LeaseUntil == null || d.LeaseUntil < now))
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.LeaseUntil, leaseUntil).SetProperty(d => d.LeaseHolder, token), ct);
        if (claimed == 0) return false;

        var delivery = await db.Set<WebhookDelivery>().AsNoTracking().SingleAsync(d => d.Id == id, ct);
        var subscription = await db.Set<WebhookSubscription>().AsNoTracking().SingleAsync(s => s.Id == delivery.SubscriptionId, ct);
        var e = await db.Set<EventRecord>().AsNoTracking().SingleAsync(x => x.Seq == delivery.EventSeq, ct);
        var outcome = await PostAsync(subscription, e, now, ct);
        await RecordAsync(id, token, outcome, now, ct);
        return true;
    }

    private sealed record Outcome(int? Status, int DurationMs, string? Error, TimeSpan? RetryAfter)
    {
        public bool Ok => Status is >= 200 and < 300;
    }

    private async Task<Outcome> PostAsync(WebhookSubscription s, EventRecord e, DateTimeOffset now, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            var body = CloudEvent.Serialize(e, CloudEvent.SourceOf(config));
            var msgId = e.Id.ToString();
            var timestamp = now.ToUnixTimeSeconds();
            var key = WebhookSecrets.KeyOf(secrets.Unprotect(s.SecretProtected))
                ?? throw new InvalidOperationException("The subscription's secret cannot be read.");
            var (keyId, signature) = await sm2.SignAsync(WebhookHeaders.SignedContent(msgId, timestamp, body), ct);
            using var request = new HttpRequestMessage(HttpMethod.Post, s.Url)
            {
                Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue(CloudEvent.ContentType) { CharSet = "utf-8" }),
            };
            request.Headers.Add(WebhookHeaders.Id, msgId);
            request.Headers.Add(WebhookHeaders.Timestamp, timestamp.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add(WebhookHeaders.Signature, WebhookHeaders.Hmac(key, msgId, timestamp, body));
            request.Headers.Add(WebhookHeaders.Sm2Signature, "v1," + Convert.ToBase64String(signature));
            request.Headers.Add(WebhookHeaders.Sm2KeyId, keyId.ToString());
            using var response = await http.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var status = (int)response.StatusCode;
            var ok = status is >= 200 and < 300;
            return new Outcome(status, Elapsed(watch), ok ? null : $"接收方答复 HTTP {status}",
                WebhookRetries.RetryAfter(response.Headers.RetryAfter, now));
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return new Outcome(null, Elapsed(watch), $"超时（{http.Client.Timeout.TotalSeconds:0} 秒内无应答）", null);
        }
        catch (Exception signing) when (signing is System.Security.Cryptography.CryptographicException or InvalidOperationException && !ct.IsCancellationRequested)
        {
            // The secret could not be decrypted (Data Protection keys lost) or the seal key is missing: nothing was sent.
            log.LogError(signing, "Webhook delivery for subscription {Subscription} could not be signed", s.Id);
            return new Outcome(null, Elapsed(watch), "签名失败，未发送：" + signing.Message, null);
        }
        catch (HttpRequestException failed)
        {
            // SocketsHttpHandler wraps what the connect callback throws.
            var refused = failed as CallbackAddressRefusedException ?? failed.InnerException as CallbackAddressRefusedException;
            return new Outcome(null, Elapsed(watch), refused?.Message ?? "连接失败：" + Reason(failed), null);
        }
    }

    private async Task RecordAsync(Guid id, string token, Outcome outcome, DateTimeOffset now, CancellationToken ct) => await db.InTransactionAsync(async () =>
    {
        var d = await db.Set<WebhookDelivery>().SingleOrDefaultAsync(x => x.Id == id && x.LeaseHolder == token, ct);
        if (d is null) return; // deleted with its subscription, or replayed meanwhile: this attempt's result no longer matters
        var error = outcome.Error is null ? null : TextRules.Prefix(outcome.Error, MaxError);
        db.Add(new WebhookAttempt { Id = Guid.NewGuid(), DeliveryId = id, At = now, StatusCode = outcome.Status, DurationMs = outcome.DurationMs, Error = error });
        d.Attempts++;
        (d.LastAttemptAt, d.LastStatusCode, d.LastDurationMs, d.LastError) = (now, outcome.Status, outcome.DurationMs, error);
        (d.LeaseUntil, d.LeaseHolder) = (null, null);
        if (outcome.Ok)
        {
            d.Status = DeliveryStatus.Delivered;
            d.DeliveredAt = now;
        }
        else if (outcome.Status is { } status && WebhookRetries.IsGone((System.Net.HttpStatusCode)status))
        {
            var s = await db.Set<WebhookSubscription>().SingleAsync(x => x.Id == d.SubscriptionId, ct);
            (s.Status, s.DisabledAt, s.DisabledReason) = (SubscriptionStatus.Disabled, now, "接收方答复 410 Gone（不再接收），订阅已自动停用");
            db.Audit(null, "webhook-subscription.gone", SubscriptionAdmin.Entity, s.Id.ToString(), $"{s.Url} 答复 410，订阅已停用", now);
            log.LogWarning("Webhook subscription {Subscription} answered 410 Gone; disabled", s.Id);
        }
        else if (WebhookRetries.Next(d.Attempts, d.RetryFrom, now, WebhookRetries.Window(config), outcome.RetryAfter) is { } next)
            d.NextAttemptAt = next;
        else
        {
            d.Status = DeliveryStatus.Failed;
            await AlertAsync(d, error, now, ct);
        }
        await db.CommitAsync(ct);
    }, ct);

    /// <summary>Retries ran out: an alert on the subscription (shown on <c>/admin/subscriptions</c>) and an audit line, at most once a day.</summary>
    private async Task AlertAsync(WebhookDelivery d, string? error, DateTimeOffset now, CancellationToken ct)
    {
        log.LogWarning("Webhook delivery {Delivery} of event {Event} gave up after {Attempts} attempts: {Error}", d.Id, d.EventId, d.Attempts, error);
        // Two deliveries giving up at once on two instances: the row lock lets only the first alert.
        if (db.IsPostgres) await db.Database.ExecuteSqlAsync($"SELECT id FROM webhook_subscriptions WHERE id = {d.SubscriptionId} FOR UPDATE", ct);
        var s = await db.Set<WebhookSubscription>().SingleAsync(x => x.Id == d.SubscriptionId, ct);
        if (s.AlertAt is { } last && now - last < TimeSpan.FromDays(1)) return;
        s.AlertAt = now;
        s.AlertText = TextRules.Prefix($"事件“{WebhookLabels.EventType(d.EventType)}”（{d.Subject}）重试 {d.Attempts} 次、超过 24 小时仍未送达，已停止重试；"
            + $"最后一次：{error ?? "无应答"}。请检查接收方后在投递记录中重新投递。", 512);
        db.Audit(null, "webhook-subscription.alert", SubscriptionAdmin.Entity, s.Id.ToString(), s.AlertText, now);
    }

    private static string Reason(HttpRequestException e) => (e.InnerException as System.Net.Sockets.SocketException)?.SocketErrorCode switch
    {
        System.Net.Sockets.SocketError.ConnectionRefused => "对方拒绝连接（接收服务未运行）",
        System.Net.Sockets.SocketError.HostNotFound or System.Net.Sockets.SocketError.NoData => "域名无法解析",
        System.Net.Sockets.SocketError.TimedOut => "连接超时",
        System.Net.Sockets.SocketError.NetworkUnreachable or System.Net.Sockets.SocketError.HostUnreachable => "网络不可达",
        _ => e.HttpRequestError switch
        {
            HttpRequestError.SecureConnectionError => "HTTPS 握手失败（证书无效或协议不符）",
            HttpRequestError.ResponseEnded or HttpRequestError.InvalidResponse => "接收方应答不完整或无效",
            _ => "网络错误（" + e.HttpRequestError + "）",
        },
    };

    private static int Elapsed(Stopwatch watch) => (int)Math.Min(int.MaxValue, watch.ElapsedMilliseconds);
}
