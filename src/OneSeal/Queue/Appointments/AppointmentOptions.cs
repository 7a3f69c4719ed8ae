namespace OneSeal.Queue.Appointments;

/// <summary>
/// <c>Queue:Appointments:*</c>. Opening hours are half-open ranges of local time ("09:00-12:00,13:30-17:00"), cut into
/// half-hour slots; capacity per theme and the horizon can be changed by the system administrator (tables
/// <c>appointment_capacities</c>, <c>appointment_settings</c>), the values here being their defaults.
/// </summary>
public sealed record AppointmentOptions
{
    public const int SlotMinutes = 30;

    public IReadOnlyList<(int From, int To)> Hours { get; init; } = [(9 * 60, 12 * 60), (13 * 60 + 30, 17 * 60)];
    public int DefaultCapacity { get; init; } = 4;
    public int HorizonDays { get; init; } = 7;
    /// <summary>Minutes a cancelled place stays taken before it returns to the pool (anti-scalping).</summary>
    public int ReleaseDelayMinutes { get; init; } = 30;
    public int CheckInBeforeMinutes { get; init; } = 30;
    public int CheckInAfterMinutes { get; init; } = 15;
    /// <summary>Minutes after the slot's end before an appointment not checked in becomes a no-show.</summary>
    public int NoShowGraceMinutes { get; init; } = 15;
    public int NoShowLimit { get; init; } = 3;
    public int NoShowWindowDays { get; init; } = 30;
    public int NoShowBlockDays { get; init; } = 30;
    /// <summary>Bookings one phone number may make in 24 hours (cancelled ones count: booking and cancelling is how places are hoarded).</summary>
    public int BookingsPerPhonePerDay { get; init; } = 5;
    /// <summary>Booking, cancelling and lookups by ID number + code per client address and 10 minutes.</summary>
    public int RequestsPerAddressPer10Minutes { get; init; } = 30;

    public static AppointmentOptions From(IConfiguration config)
    {
        var s = config.GetSection("Queue:Appointments");
        var d = new AppointmentOptions();
        return new AppointmentOptions
        {
            Hours = ParseHours(s["Hours"]) ?? d.Hours,
            DefaultCapacity = Math.Clamp(s.GetValue("DefaultCapacity", d.DefaultCapacity), 0, AppointmentAdmin.MaxCapacity),
            HorizonDays = Math.Clamp(s.GetValue("HorizonDays", d.HorizonDays), 1, AppointmentAdmin.MaxHorizon),
            ReleaseDelayMinutes = Math.Max(0, s.GetValue("ReleaseDelayMinutes", d.ReleaseDelayMinutes)),
            CheckInBeforeMinutes = Math.Max(0, s.GetValue("CheckInBeforeMinutes", d.CheckInBeforeMinutes)),
            CheckInAfterMinutes = Math.Max(0, s.GetValue("CheckInAfterMinutes", d.CheckInAfterMinutes)),
            NoShowGraceMinutes = Math.Max(0, s.GetValue("NoShowGraceMinutes", d.NoShowGraceMinutes)),
            NoShowLimit = Math.Max(1, s.GetValue("NoShowLimit", d.NoShowLimit)),
            NoShowWindowDays = Math.Max(1, s.GetValue("NoShowWindowDays", d.NoShowWindowDays)),
            NoShowBlockDays = Math.Max(0, s.GetValue("NoShowBlockDays", d.NoShowBlockDays)),
            BookingsPerPhonePerDay = Math.Max(1, s.GetValue("BookingsPerPhonePerDay", d.BookingsPerPhonePerDay)),
            RequestsPerAddressPer10Minutes = Math.Max(1, s.GetValue("RequestsPerAddressPer10Minutes", d.RequestsPerAddressPer10Minutes)),
        };
    }

    /// <summary>"09:00-12:00,13:30-17:00" → minute ranges; null when absent or malformed (the default then applies).</summary>
    public static IReadOnlyList<(int From, int To)>? ParseHours(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var ranges = new List<(int, int)>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var ends = part.Split('-', StringSplitOptions.TrimEntries);
            if (ends.Length != 2 || !TimeOnly.TryParse(ends[0], out var from) || !TimeOnly.TryParse(ends[1], out var to) || to <= from) return null;
            ranges.Add((from.Hour * 60 + from.Minute, to.Hour * 60 + to.Minute));
        }
        return ranges.Count == 0 ? null : ranges;
    }

    /// <summary>The day's slot starts (minutes after midnight): every half hour that fits whole into an opening range.</summary>
    public IEnumerable<int> SlotStarts() =>
        Hours.SelectMany(h => Enumerable.Range(0, Math.Max(0, (h.To - h.From) / SlotMinutes)).Select(i => h.From + i * SlotMinutes));
}
