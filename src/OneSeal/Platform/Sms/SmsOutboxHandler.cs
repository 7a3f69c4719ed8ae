using OneSeal.Platform.Outbox;
using OneSeal.Platform.Security;

namespace OneSeal.Platform.Sms;

/// <summary>Sends a queued text message through the configured <see cref="ISmsSender"/>.</summary>
public sealed class SmsOutboxHandler(ISmsSender sender, PersonalData personalData) : IOutboxHandler
{
    public const string Topic = "sms.send";

    /// <summary>Both values encrypted (<see cref="PersonalData"/>): the outbox table is kept for days after sending.</summary>
    public sealed record Payload(string PhoneProtected, string TextProtected);

    string IOutboxHandler.Topic => Topic;

    public Task HandleAsync(OutboxMessage m, CancellationToken ct)
    {
        var p = m.Read<Payload>();
        return sender.SendAsync(personalData.Unprotect(p.PhoneProtected), personalData.Unprotect(p.TextProtected), ct);
    }
}
