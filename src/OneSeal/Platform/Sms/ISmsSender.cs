namespace OneSeal.Platform.Sms;

/// <summary>
/// Sends one text message to a mainland mobile number. Called only from the outbox (<see cref="SmsOutboxHandler"/>),
/// never inside a request's transaction; delivery is at least once, so a gateway may rarely see a message twice.
/// </summary>
public interface ISmsSender
{
    Task SendAsync(string phone, string text, CancellationToken ct);
}
