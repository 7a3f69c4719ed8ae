using OneSeal.Platform.Time;

namespace OneSeal.Queue.Appointments;

public sealed record BookingInput(string? Theme, string? Date, string? Time, string? Name, string? IdNumber, string? Phone);

/// <summary>Proof that the person cancelling made the booking, when not signed in as them: ID number + booking code.</summary>
public sealed record CancelInput(string? IdNumber, string? BookingCode);

/// <summary>
/// An appointment as its holder sees it (personal data masked). <c>bookingCode</c> only in the answer to the booking
/// itself: the database keeps it as a keyed hash.
/// </summary>
public sealed record AppointmentView(Guid Id, string? BookingCode, string Theme, string ThemeName, DateOnly Date, string Time, string End,
    string Status, string StatusLabel, string NameMasked, string IdNumberMasked, string PhoneMasked, string HallName, string? HallAddress,
    DateTimeOffset StartsAt, bool Cancellable);

public static class AppointmentLabels
{
    public static string Of(AppointmentStatus s) => s switch
    {
        AppointmentStatus.Booked => "已预约",
        AppointmentStatus.CheckedIn => "已签到",
        AppointmentStatus.Cancelled => "已取消",
        AppointmentStatus.NoShow => "爽约",
        _ => s.ToString(),
    };

    public static string Api(AppointmentStatus s) => s switch
    {
        AppointmentStatus.CheckedIn => "checked-in",
        AppointmentStatus.NoShow => "no-show",
        _ => s.ToString().ToLowerInvariant(),
    };

    /// <summary>"2026年3月2日 09:00–09:30".</summary>
    public static string When(DateOnly day, int startMinute) =>
        $"{day.Year}年{day.Month}月{day.Day}日 {AppointmentSlots.Clock(startMinute)}–{AppointmentSlots.Clock(startMinute + AppointmentOptions.SlotMinutes)}";

    public static string At(DateTimeOffset instant)
    {
        var l = LegalDates.ToLocal(instant);
        return $"{l.Year}年{l.Month}月{l.Day}日 {l:HH:mm}";
    }
}
