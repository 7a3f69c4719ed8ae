using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Queue.Board;
using OneSeal.Resources;

namespace OneSeal.Pages.Queue;

/// <summary>
/// <c>/board</c>: the hall's TV. Anonymous (a TV has no account): the last calls per window, waiting counts per theme, the
/// notice line and a clock, live from <c>/api/v1/queue/board/stream</c>; it speaks the calls when switched on.
/// </summary>
[AllowAnonymous]
public sealed class BoardModel(BoardStreams boards, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    public PublicBoardSnapshot? Board { get; private set; }

    /// <summary>The stream this page listens to (with the hall when one was asked for).</summary>
    public string StreamUrl { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string? hall, CancellationToken ct)
    {
        Guid? hallId = Guid.TryParse(hall, out var h) ? h : null;
        if (hall is not null && hallId is null) return NotFoundPage(T["没有找到该大厅。"].Value);
        if (await boards.ReadAsync(hallId, ct) is not { } board) return NotFoundPage(T["没有找到该大厅。"].Value);
        Board = PublicBoardSnapshot.Of(board);
        StreamUrl = "/api/v1/queue/board/stream" + (hallId is { } id ? $"?hall={id}" : "");
        return Page();
    }
}
