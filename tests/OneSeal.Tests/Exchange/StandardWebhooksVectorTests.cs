using System.Net;
using OneSeal.Exchange.Webhooks;

namespace OneSeal.Tests.Exchange;

/// <summary>The signing and the test receiver's verifier against the Standard Webhooks reference example, and the SSRF address rules.</summary>
public sealed class StandardWebhooksVectorTests
{
    // The example of the Standard Webhooks reference libraries (secret, message id, timestamp, payload → signature).
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string Id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long Timestamp = 1614265330;
    private const string Body = "{\"test\": 2432232314}";
    private const string Expected = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    [Fact]
    public void The_sender_signs_the_reference_example_as_the_specification_does() =>
        WebhookHeaders.Hmac(WebhookSecrets.KeyOf(Secret)!, Id, Timestamp, Body).ShouldBe(Expected);

    [Fact]
    public void The_verifier_accepts_the_reference_example_and_refuses_tampering_and_old_timestamps()
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(Timestamp);
        var verifier = new StandardWebhooksVerifier(Secret);
        verifier.Problem(Id, "1614265330", Expected, Body, at).ShouldBeNull();
        verifier.Problem(Id, "1614265330", "v1,bm90IGl0 " + Expected, Body, at).ShouldBeNull("any one of several signatures may match");
        verifier.Problem(Id, "1614265330", Expected, Body + " ", at).ShouldBe("no matching signature");
        verifier.Problem(Id, "1614265331", Expected, Body, at).ShouldBe("no matching signature");
        verifier.Problem(Id, "1614265330", Expected.Replace("v1,", "v2,"), Body, at).ShouldBe("no matching signature");
        verifier.Problem(Id, "1614265330", Expected, Body, at.AddMinutes(6)).ShouldBe("timestamp too old");
        verifier.Problem(Id, "1614265330", Expected, Body, at.AddMinutes(-6)).ShouldBe("timestamp too new");
    }

    [Fact]
    public void A_generated_secret_has_at_least_24_random_bytes()
    {
        var a = WebhookSecrets.New();
        WebhookSecrets.KeyOf(a)!.Length.ShouldBeGreaterThanOrEqualTo(24);
        a.ShouldNotBe(WebhookSecrets.New());
        WebhookSecrets.KeyOf("whsec_c2hvcnQ=").ShouldBeNull("too short");
        WebhookSecrets.KeyOf("nope").ShouldBeNull();
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("169.254.169.254", true)]
    [InlineData("169.254.1.1", true)]
    [InlineData("fd00:ec2::254", true)]
    [InlineData("fe80::1", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("::", true)]
    [InlineData("239.1.1.1", true)]
    [InlineData("ff02::1", true)]
    [InlineData("::ffff:169.254.169.254", true)]
    [InlineData("100.100.100.200", true)]
    [InlineData("10.1.2.3", false)]
    [InlineData("192.168.1.10", false)]
    [InlineData("203.0.113.5", false)]
    [InlineData("2001:db8::1", false)]
    public void Internal_addresses_are_refused_and_intranet_ones_allowed(string address, bool refused) =>
        (CallbackUrls.Refusal(IPAddress.Parse(address)) is not null).ShouldBe(refused);
}
