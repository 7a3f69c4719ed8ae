using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Organisation.Staff;
using OneSeal.Queue.Board;
using OneSeal.Resources;

namespace OneSeal.Pages.Queue;

/// <summary>
/// <c>/window/{number}/screen</c>: the screen above one window. Anonymous like the board: the number being served, the
/// window, the staff member's name, photo and rating; live from the board's stream (it re-reads <c>?handler=Data</c>).
/// </summary>
[AllowAnonymous]
public sealed class WindowScreenModel(BoardStreams boards, StaffPhotos photos, OneSeal.Ratings.RatingQueries ratings, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    public PublicWindowScreen? Screen { get; private set; }
    /// <summary>The serving staff's ratings this month (好评率), or null when there are none yet.</summary>
    public string? Rating { get; private set; }
    public string StreamUrl { get; private set; } = "";
    public string DataUrl { get; private set; } = "";
    public string PhotoUrl => DataUrl.Replace("handler=Data", "handler=Photo", StringComparison.Ordinal);

    public async Task<IActionResult> OnGetAsync(string number, string? hall, CancellationToken ct)
    {
        if (await ReadAsync(number, hall, ct) is not { } screen) return NotFoundPage(T["没有找到该窗口。"].Value);
        Screen = PublicWindowScreen.Of(screen);
        Rating = await RatingTextAsync(screen, ct);
        var query = Guid.TryParse(hall, out var h) ? $"hall={h}" : "";
        StreamUrl = "/api/v1/queue/board/stream" + (query.Length > 0 ? "?" + query : "");
        DataUrl = $"/window/{Uri.EscapeDataString(number)}/screen?handler=Data" + (query.Length > 0 ? "&" + query : "");
        return Page();
    }

    /// <summary>The screen as JSON, for the page's live updates.</summary>
    public async Task<IActionResult> OnGetDataAsync(string number, string? hall, CancellationToken ct)
    {
        if (await ReadAsync(number, hall, ct) is not { } screen) return NotFound();
        var s = PublicWindowScreen.Of(screen);
        return new JsonResult(new { s.WindowNumber, s.WindowName, s.CurrentTicket, s.StaffName, s.HasPhoto, s.Paused, Rating = await RatingTextAsync(screen, ct) });
    }

    private async Task<string?> RatingTextAsync(WindowScreen screen, CancellationToken ct)
    {
        if (screen.StaffId is not { } staff || await ratings.StaffThisMonthAsync(staff, ct) is not { GoodRate: { } rate } summary) return null;
        return T["本月好评率 {0}%（{1} 条评价）", rate.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture), summary.Count].Value;
    }

    /// <summary>The photo of whoever the queue shows serving at this window now (404 when nobody, or no photo).</summary>
    public async Task<IActionResult> OnGetPhotoAsync(string number, string? hall, CancellationToken ct)
    {
        if (await ReadAsync(number, hall, ct) is not { StaffId: { } staff, HasPhoto: true }) return NotFound();
        if (await photos.ForWindowScreenAsync(staff, ct) is not { } photo) return NotFound();
        Response.Headers.CacheControl = "no-cache";
        return File(photo.Bytes, photo.ContentType);
    }

    private async Task<WindowScreen?> ReadAsync(string number, string? hall, CancellationToken ct)
    {
        Guid? hallId = Guid.TryParse(hall, out var h) ? h : null;
        if (hall is not null && hallId is null) return null;
        return number.Length is > 0 and <= 16 ? await boards.WindowScreenAsync(number, hallId, ct) : null;
    }
}
