using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using OneSeal.Organisation;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Queue.Appointments;
using OneSeal.Resources;

namespace OneSeal.Pages.Appointments;

/// <summary>
/// 预约办事 (<c>/appointments</c>): theme → day (the next working days) → half hour with places left → name, ID number,
/// phone (pre-filled for a signed-in applicant) → confirmation with the booking code. A signed-in applicant's "我的预约"
/// with cancel; a public lookup by ID number + booking code (and cancel) for those without an account.
/// </summary>
[EnableRateLimiting(AppointmentRateLimit.Policy)]
public sealed class IndexModel(AppointmentSlots slots, AppointmentBooking booking, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    [BindProperty(SupportsGet = true)] public string? Theme { get; set; }
    [BindProperty(SupportsGet = true)] public string? Date { get; set; }
    [BindProperty(SupportsGet = true)] public string? Time { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? IdNumber { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? LookupIdNumber { get; set; }
    [BindProperty] public string? LookupCode { get; set; }

    public IReadOnlyList<ThemeOption> Themes { get; private set; } = [];
    public ThemeOption? Chosen { get; private set; }
    public IReadOnlyList<DateOnly> Days { get; private set; } = [];
    public SlotsView? Day { get; private set; }
    public SlotView? Slot { get; private set; }
    public AppointmentView? Booked { get; private set; }
    public AppointmentView? Found { get; private set; }
    public IReadOnlyList<AppointmentView> Mine { get; private set; } = [];
    public bool IsApplicant => User.IsInRole(Roles.Applicant);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        ClearErrors();
        if (IsApplicant && Time is not null)
            (Name, IdNumber, Phone) = await booking.PrefillAsync(Me, ct);
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostBookAsync(CancellationToken ct)
    {
        ClearErrors();
        try
        {
            var actor = Actor.From(User);
            Booked = await booking.BookAsync(actor, new BookingInput(Theme, Date, Time, Name, IdNumber, Phone), ct);
        }
        catch (DomainException e)
        {
            AddDomainError(e);
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostLookupAsync(CancellationToken ct)
    {
        ClearErrors();
        try
        {
            Found = await booking.LookUpAsync(new CancelInput(LookupIdNumber, LookupCode), ct);
        }
        catch (DomainException e)
        {
            AddDomainError(e, k => k switch { "idNumber" => "lookupIdNumber", "bookingCode" => "lookupCode", _ => k });
        }
        Theme = Date = Time = null;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid appointmentId, CancellationToken ct)
    {
        ClearErrors();
        try
        {
            var a = await booking.CancelAsync(Actor.From(User), appointmentId, new CancelInput(LookupIdNumber, LookupCode), ct);
            Notify(T["已取消 {0} {1} 的预约。", a.ThemeName, $"{a.Date:yyyy-MM-dd} {a.Time}"]);
            return Redirect("/appointments");
        }
        catch (DomainException e)
        {
            AddDomainError(e);
            Theme = Date = Time = null;
            await LoadAsync(ct);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Themes = await slots.ThemesAsync(ct);
        Chosen = Themes.FirstOrDefault(x => x.Code == Theme);
        if (IsApplicant) Mine = await booking.MineAsync(Me, ct);
        if (Chosen is null || Booked is not null) return;
        Days = await slots.BookableDaysAsync(ct);
        if (Date is null) return;
        try
        {
            Day = await slots.DayAsync(Theme, Date, ct);
            Slot = Day.Slots.FirstOrDefault(s => s.Time == Time && s.Bookable);
        }
        catch (DomainException e)
        {
            AddDomainError(e);
        }
    }

    public static string DayLabel(DateOnly d) =>
        $"{d.Month}月{d.Day}日 周{"日一二三四五六"[(int)d.DayOfWeek]}";
}
