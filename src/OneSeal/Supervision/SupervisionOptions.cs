namespace OneSeal.Supervision;

/// <summary>
/// <c>Supervision:ClaimWorkingDays</c> (default 3): working days a department has to claim a push;
/// <c>Supervision:VerificationWorkingDays</c> (default 20): to verify an approval on commitment;
/// <c>Supervision:DigestHour</c> (default 8, Beijing time): from when the daily digest goes out.
/// </summary>
public sealed record SupervisionOptions(int ClaimWorkingDays, int VerificationWorkingDays, int DigestHour)
{
    public static SupervisionOptions From(IConfiguration config)
    {
        var claim = config.GetValue("Supervision:ClaimWorkingDays", 3);
        var verify = config.GetValue("Supervision:VerificationWorkingDays", 20);
        var hour = config.GetValue("Supervision:DigestHour", 8);
        if (claim is < 1 or > 60) throw new InvalidOperationException($"Supervision:ClaimWorkingDays must be 1–60: {claim}.");
        if (verify is < 1 or > 120) throw new InvalidOperationException($"Supervision:VerificationWorkingDays must be 1–120: {verify}.");
        if (hour is < 0 or > 23) throw new InvalidOperationException($"Supervision:DigestHour must be 0–23: {hour}.");
        return new SupervisionOptions(claim, verify, hour);
    }
}
