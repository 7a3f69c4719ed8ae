using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Hall.Enquiries;
using OneSeal.Hall.Seats;
using OneSeal.Organisation;
using OneSeal.Platform.Http;
using OneSeal.Resources;

namespace OneSeal.Pages.Hall;

/// <summary>
/// 首问登记 (<c>/hall/enquiries</c>): record a question at the window one sits at, list one's own (a window chief: the
/// whole hall's, open ones first to look at), close with the answer; overdue ones (逾期) highlighted.
/// </summary>
[Authorize]
public sealed class EnquiriesModel(EnquiryDesk desk, HallWindows hall, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    [BindProperty] public string? AskerName { get; set; }
    [BindProperty] public string? AskerPhone { get; set; }
    [BindProperty] public string? ItemCode { get; set; }
    [BindProperty] public string? Question { get; set; }
    [BindProperty] public string? Answer { get; set; }
    [BindProperty] public string? ReferredTo { get; set; }

    /// <summary>mine / open (未办结) / all (window chief).</summary>
    [BindProperty(SupportsGet = true)] public string? Show { get; set; }

    public IReadOnlyList<EnquiryView> Enquiries { get; private set; } = [];
    public IReadOnlyList<(string Code, string Name)> Items { get; private set; } = [];
    public MySeat Seat { get; private set; } = new(null, null, null, null);
    public bool IsChief => User.IsInRole(Roles.WindowChief);
    public int OverdueCount => Enquiries.Count(e => e.Overdue);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        ClearErrors();
        return await LoadAsync(ct) ?? Page();
    }

    public async Task<IActionResult> OnPostRecordAsync(CancellationToken ct)
    {
        ClearErrors();
        try
        {
            var e = await desk.RecordAsync(Me, new EnquiryInput(AskerName, AskerPhone, ItemCode, Question, Answer, ReferredTo), ct);
            Notify(e.Open ? T["已登记 {0} 的咨询，请在 {1} 前答复办结。", e.AskerName, CaseDisplay.Date(e.DueOn)] : T["已登记 {0} 的咨询并当场答复。", e.AskerName]);
            return Redirect("/hall/enquiries");
        }
        catch (DomainException e)
        {
            AddDomainError(e);
            return await LoadAsync(ct) ?? Page();
        }
    }

    public async Task<IActionResult> OnPostCloseAsync(Guid enquiryId, string? closeAnswer, CancellationToken ct)
    {
        ClearErrors();
        try
        {
            var e = await desk.CloseAsync(Me, enquiryId, new EnquiryClose(closeAnswer), ct);
            Notify(T["已办结 {0} 的咨询。", e.AskerName]);
            return Redirect("/hall/enquiries" + (Show is null ? "" : "?show=" + Uri.EscapeDataString(Show)));
        }
        catch (DomainException e)
        {
            AddDomainError(e, k => k == "answer" ? "close-answer-" + enquiryId : k);
            return await LoadAsync(ct) ?? Page();
        }
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        Show = Show is "open" or "all" ? Show : "mine";
        if (Show == "all" && !IsChief) Show = "mine";
        try
        {
            Seat = await hall.MineAsync(Me, ct);
            Enquiries = await desk.ListAsync(Me, openOnly: Show == "open", mineOnly: Show == "mine", ct);
            Items = await desk.ItemsAsync(ct);
            return null;
        }
        catch (ForbiddenException)
        {
            return Forbid();
        }
    }
}
