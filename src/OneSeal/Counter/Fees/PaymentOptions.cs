namespace OneSeal.Counter.Fees;

/// <summary>
/// <c>OneSeal:Payments</c>: <c>RegionCode</c> (6-digit administrative division code that opens every payment code),
/// <c>CallbackSecret</c> (the HMAC key shared with the non-tax payment platform; without it the callback refuses everything)
/// and <c>CallbackToleranceSeconds</c> (how far a callback's timestamp may be from now, default 300).
/// </summary>
public sealed record PaymentOptions(string RegionCode, string? CallbackSecret, int CallbackToleranceSeconds)
{
    public static PaymentOptions From(IConfiguration config)
    {
        var region = config["OneSeal:Payments:RegionCode"] ?? "360999";
        if (region.Length != 6 || !region.All(char.IsAsciiDigit))
            throw new InvalidOperationException($"OneSeal:Payments:RegionCode must be 6 digits: '{region}'.");
        var secret = config["OneSeal:Payments:CallbackSecret"];
        return new PaymentOptions(region, string.IsNullOrWhiteSpace(secret) ? null : secret,
            config.GetValue("OneSeal:Payments:CallbackToleranceSeconds", 300));
    }
}
