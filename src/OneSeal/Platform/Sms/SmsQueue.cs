using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;

namespace OneSeal.Platform.Sms;

/// <summary>
/// Queues a text message in the caller's unit of work: with a gateway, an outbox message (the HTTP call happens after the
/// commit, and not at all if the command rolls back), the phone and text encrypted in its payload (the text carries a
/// one-time code); in demo mode without a gateway, a row of the development outbox at once.
/// </summary>
public sealed class SmsQueue(OneSealDb db, SmsOptions options, PersonalData personalData)
{
    public void Queue(string phone, string text, DateTimeOffset now)
    {
        if (options.UsesGateway)
            Outbox.Outbox.Enqueue(db, SmsOutboxHandler.Topic, new SmsOutboxHandler.Payload(personalData.Protect(phone), personalData.Protect(text)), now);
        else if (options.Demo)
            DevSmsMessage.Add(db, phone, text, now);
        else
            throw new SmsUnavailableException();
    }
}

/// <summary>503: production mode without <c>OneSeal:Sms:Url</c> cannot send a code.</summary>
public sealed class SmsUnavailableException() : DomainException("短信服务尚未配置，暂时无法发送验证码，请到政务服务大厅办理或稍后再试。")
{
    public override int StatusCode => 503;
    public override string Rule => "sms-unavailable";
}
