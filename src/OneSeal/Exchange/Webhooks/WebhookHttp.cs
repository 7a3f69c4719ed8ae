using System.Net;
using System.Net.Sockets;

namespace OneSeal.Exchange.Webhooks;

/// <summary>An address the connect-time check refused (SSRF): recorded as the attempt's error, retried like any failure.</summary>
public sealed class CallbackAddressRefusedException(string message) : HttpRequestException(message);

/// <summary>
/// The one HTTP client deliveries use: no redirects (a 3xx is a failed attempt, never a hop to an unchecked address),
/// no proxy, no cookies, and a connect callback that resolves the host itself and connects only to an address
/// <see cref="CallbackUrls"/> allows — so the address checked is the address connected to.
/// </summary>
public sealed class WebhookHttp : IDisposable
{
    public HttpClient Client { get; }

    public WebhookHttp(CallbackUrls urls, IConfiguration config)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectTimeout = TimeSpan.FromSeconds(config.GetValue("Webhooks:ConnectTimeoutSeconds", 5)),
            ConnectCallback = (context, ct) => ConnectAsync(urls, context, ct),
        };
        Client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(config.GetValue("Webhooks:TimeoutSeconds", 10)) };
        Client.DefaultRequestHeaders.UserAgent.ParseAdd("OneSeal-Webhooks/1.0");
    }

    private static async ValueTask<Stream> ConnectAsync(CallbackUrls urls, SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        var allowed = urls.HostAllowed(host) ? addresses : addresses.Where(urls.AddressAllowed).ToArray();
        if (allowed.Length == 0)
            throw new CallbackAddressRefusedException(
                $"连接被拒绝：{host} 解析为不允许的地址（{string.Join("、", addresses.Select(a => $"{a}：{CallbackUrls.Refusal(a) ?? "未放行"}"))}）。");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose() => Client.Dispose();
}
