using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Platform.Http;
using OneSeal.Queue.Calling;
using OneSeal.Resources;

namespace OneSeal.Pages.Queue;

/// <summary>
/// The buttons of the workbench's queue panel (Pages/Queue/_QueuePanel.cshtml): each posts here, runs one calling
/// command at the window the clerk sits at, and returns to /hall/window with what happened (or why not).
/// </summary>
[Authorize]
public sealed class WindowActionsModel(WindowCalls calls, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    public IActionResult OnGet() => Redirect("/hall/window");

    public Task<IActionResult> OnPostCallAsync(Guid windowId, CancellationToken ct) =>
        RunAsync(async () => T["已叫号：{0}", (await calls.CallNextAsync(Me, windowId, ct)).Current?.Number ?? ""]);

    public Task<IActionResult> OnPostRecallAsync(Guid windowId, CancellationToken ct) =>
        RunAsync(async () => T["已重呼：{0}", (await calls.RecallAsync(Me, windowId, ct)).Current?.Number ?? ""]);

    public Task<IActionResult> OnPostServeAsync(Guid windowId, CancellationToken ct) =>
        RunAsync(async () => { await calls.ServeAsync(Me, windowId, ct); return T["已开始办理。"]; });

    public Task<IActionResult> OnPostFinishAsync(Guid windowId, CancellationToken ct) =>
        RunAsync(async () => { await calls.FinishAsync(Me, windowId, ct); return T["已办结。"]; });

    public Task<IActionResult> OnPostNoShowAsync(Guid windowId, CancellationToken ct) =>
        RunAsync(async () => { await calls.NoShowAsync(Me, windowId, ct); return T["已过号。"]; });

    public Task<IActionResult> OnPostTransferAsync(Guid windowId, string? to, CancellationToken ct) =>
        RunAsync(async () => { await calls.TransferAsync(Me, windowId, new TransferInput(to), ct); return T["已转出，保留原排队顺序。"]; });

    public Task<IActionResult> OnPostPauseAsync(Guid windowId, CancellationToken ct) =>
        RunAsync(async () => { await calls.PauseAsync(Me, windowId, ct); return T["已暂停叫号。"]; });

    public Task<IActionResult> OnPostResumeAsync(Guid windowId, CancellationToken ct) =>
        RunAsync(async () => { await calls.ResumeAsync(Me, windowId, ct); return T["已恢复叫号。"]; });

    private async Task<IActionResult> RunAsync(Func<Task<string>> command)
    {
        try
        {
            Notify(await command());
        }
        catch (DomainException e)
        {
            FlashErrors(Messages(e, k => k == "to" ? "queue-to" : k));
        }
        return Redirect("/hall/window#queue-panel");
    }
}
