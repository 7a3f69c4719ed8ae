using System.Net;
using System.Net.Sockets;
using OneSeal.Platform.Http;

namespace OneSeal.Exchange.Webhooks;

/// <summary>
/// SSRF rules for callback URLs (ADR 0014): http or https, no credentials, at most <see cref="MaxLength"/> characters,
/// and no loopback, link-local, cloud metadata, unspecified, broadcast or multicast address, checked when a subscription
/// is created (literal addresses and what the name resolves to) and again for every connection
/// (<see cref="WebhookHttp"/>), so a name that later resolves elsewhere (DNS rebinding) is still refused. Private
/// networks are allowed: the departments' systems live on the government intranet. <c>Webhooks:AllowedHosts</c>
/// lists host names or addresses exempt from the rules (a deployment's own receivers; tests allow 127.0.0.1).
/// </summary>
public sealed class CallbackUrls(IConfiguration config)
{
    public const int MaxLength = 2048;
    public const int MaxHostLength = 253;

    private readonly string[] _allowed = config.GetSection("Webhooks:AllowedHosts").GetChildren()
        .Select(c => c.Value?.Trim()).Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToArray();

    private static readonly IPAddress[] Metadata =
        [IPAddress.Parse("169.254.169.254"), IPAddress.Parse("fd00:ec2::254"), IPAddress.Parse("100.100.100.200")];

    public bool HostAllowed(string host) => _allowed.Any(a => string.Equals(a, host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase));

    public bool AddressAllowed(IPAddress address) =>
        _allowed.Any(a => IPAddress.TryParse(a, out var ip) && Normal(ip).Equals(Normal(address))) || Refusal(address) is null;

    /// <summary>Why an address may not be called (Chinese), or null when it may.</summary>
    public static string? Refusal(IPAddress address)
    {
        var ip = Normal(address);
        if (Metadata.Any(m => m.Equals(ip))) return "云平台元数据地址";
        if (IPAddress.IsLoopback(ip)) return "本机回环地址";
        if (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any) || ip.Equals(IPAddress.Broadcast)) return "未指定或广播地址";
        if (ip.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = ip.GetAddressBytes();
            if (b[0] == 0) return "未指定地址";
            if (b[0] == 169 && b[1] == 254) return "链路本地地址";
            if (b[0] >= 224) return "组播或保留地址";
            return null;
        }
        if (ip.IsIPv6LinkLocal) return "链路本地地址";
        if (ip.IsIPv6Multicast) return "组播地址";
        return null;
    }

    private static IPAddress Normal(IPAddress ip) => ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip;

    /// <summary>The URL, trimmed, when it may be subscribed; 400 naming <c>url</c> otherwise.</summary>
    public async Task<Uri> CheckAsync(string? url, CancellationToken ct)
    {
        var text = url?.Trim() ?? "";
        if (text.Length == 0) throw Bad("required", "请填写回调地址。");
        if (text.Length > MaxLength) throw Bad("max-length", $"回调地址不能超过{MaxLength}个字符。");
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw Bad("scheme", "回调地址应为以 http:// 或 https:// 开头的完整网址。");
        if (uri.AbsoluteUri.Length > MaxLength) throw Bad("max-length", $"回调地址编码后不能超过{MaxLength}个字符。");
        if (uri.UserInfo.Length > 0) throw Bad("credentials", "回调地址中不能包含用户名或密码，请改用订阅密钥验证签名。");
        if (uri.Fragment.Length > 0) throw Bad("fragment", "回调地址不能包含“#”片段。");
        var host = uri.IdnHost;
        if (host.Length == 0 || host.Length > MaxHostLength) throw Bad("host", "回调地址的主机名无效。");
        if (HostAllowed(host)) return uri;
        if (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6)
        {
            var ip = IPAddress.Parse(host.Trim('[', ']'));
            if (!AddressAllowed(ip)) throw Refused(Refusal(ip)!);
            return uri;
        }
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
            throw Refused("本机回环地址");
        // What the name resolves to now; an unresolvable name is accepted (the receiver may not exist yet) and every
        // connection is checked again anyway.
        foreach (var ip in await ResolveAsync(host, ct))
            if (!AddressAllowed(ip)) throw Refused(Refusal(ip)!);
        return uri;
    }

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            return await Dns.GetHostAddressesAsync(host, timeout.Token);
        }
        catch (Exception e) when (e is SocketException or ArgumentException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return [];
        }
    }

    private static InvalidInputException Bad(string rule, string message) => new("url", rule, message);

    private static InvalidInputException Refused(string what) =>
        new("url", "address-refused", $"回调地址指向{what}，不允许订阅（防止服务端请求伪造）。如确需使用，请在部署配置 Webhooks:AllowedHosts 中放行该主机。");
}
