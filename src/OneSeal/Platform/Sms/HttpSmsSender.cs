using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace OneSeal.Platform.Sms;

/// <summary>
/// The SMS gateway over HTTP: <c>POST {OneSeal:Sms:Url}</c> with JSON <c>{"phone": "...", "text": "..."}</c> and
/// <c>Authorization: Bearer {OneSeal:Sms:Key}</c>. Any answer but 2xx is a failure (the outbox retries it).
/// </summary>
public sealed class HttpSmsSender(HttpClient http, SmsOptions options) : ISmsSender
{
    public async Task SendAsync(string phone, string text, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Url) { Content = JsonContent.Create(new { phone, text }) };
        if (!string.IsNullOrEmpty(options.Key)) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Key);
        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"SMS gateway answered {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
    }
}
