namespace OneSeal.Platform.Sms;

/// <summary>
/// <c>OneSeal:Sms:Url</c> and <c>OneSeal:Sms:Key</c>: the SMS gateway (<see cref="HttpSmsSender"/>). Without a URL, demo
/// mode keeps messages in the development outbox (<c>/dev/sms</c>) and production mode sends none (registration and
/// password reset by code then answer 503).
/// </summary>
public sealed record SmsOptions(Uri? Url, string? Key, bool Demo)
{
    public bool UsesGateway => Url is not null;

    public static SmsOptions From(IConfiguration config, bool demo)
    {
        var url = config["OneSeal:Sms:Url"];
        if (!string.IsNullOrWhiteSpace(url) && !Uri.TryCreate(url, UriKind.Absolute, out _))
            throw new InvalidOperationException($"OneSeal:Sms:Url is not an absolute URL: '{url}'.");
        return new SmsOptions(string.IsNullOrWhiteSpace(url) ? null : new Uri(url), config["OneSeal:Sms:Key"], demo);
    }
}
