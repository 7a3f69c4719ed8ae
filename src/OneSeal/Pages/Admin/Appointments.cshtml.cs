using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Platform.Http;
using OneSeal.Queue.Appointments;
using OneSeal.Resources;

namespace OneSeal.Pages.Admin;

/// <summary>预约设置 (<c>/admin/appointments</c>): the system administrator sets places per half hour per theme and the horizon.</summary>
[Authorize]
public sealed class AppointmentsModel(AppointmentAdmin admin, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    [BindProperty] public string? Horizon { get; set; }
    [BindProperty] public Dictionary<string, string?> Capacity { get; set; } = [];

    public AppointmentSetup? Setup { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        ClearErrors();
        return await LoadAsync(ct) ?? Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ClearErrors();
        try
        {
            await admin.SaveAsync(Me, Horizon, Capacity, ct);
            Notify(T["预约设置已保存。"]);
            return Redirect("/admin/appointments");
        }
        catch (ForbiddenException)
        {
            return Forbid();
        }
        catch (DomainException e)
        {
            AddDomainError(e);
            return await LoadAsync(ct) ?? Page();
        }
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        try
        {
            Setup = await admin.GetAsync(Me, ct);
            return null;
        }
        catch (ForbiddenException)
        {
            return Forbid();
        }
    }

    public string ValueFor(ThemeCapacity t) => Capacity.TryGetValue(t.Code, out var v) && HasErrors ? v ?? "" : t.PerSlot.ToString();
}
