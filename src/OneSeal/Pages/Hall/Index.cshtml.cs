using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;
using OneSeal.Cases;
using OneSeal.Organisation;
using OneSeal.Platform.Http;
using OneSeal.Platform.Time;
using OneSeal.Resources;

namespace OneSeal.Pages.Hall;

/// <summary>
/// 受理工作台: submitted cases of the clerk's organisation, oldest first; and decided cases whose result the window
/// must deliver (待送达: certificate issued or licence denied), nearest delivery deadline first (Art. 44).
/// </summary>
[Authorize(Roles = Roles.Clerk)]
public sealed class IndexModel(CaseQueries queries, OneSeal.Hall.Seats.HallWindows hall, TimeProvider clock, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    public IReadOnlyList<Case> Queue { get; private set; } = [];
    public IReadOnlyList<Case> ToDeliver { get; private set; } = [];
    public DateOnly Today { get; private set; }
    /// <summary>The window the clerk sits at today (the seat bar).</summary>
    public OneSeal.Hall.Seats.MySeat Seat { get; private set; } = new(null, null, null, null);
    /// <summary>Each listed case's current process step (受理 for the queue, 送达 for results), loaded for the whole page at once.</summary>
    public IReadOnlyDictionary<Guid, Cases.Clock.StepStatus?> Steps { get; private set; } = new Dictionary<Guid, Cases.Clock.StepStatus?>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = LegalDates.Today(clock);
        try
        {
            Seat = await hall.MineAsync(Me, ct);
            Queue = await queries.QueueAsync(Me, [CaseStatus.Submitted], ct);
            ToDeliver = (await queries.QueueAsync(Me, [CaseStatus.CertificateIssued, CaseStatus.Denied], ct))
                .OrderBy(c => c.DeliveryDueDate ?? DateOnly.MaxValue).ThenBy(c => c.DecidedAt).ToList();
            Steps = await queries.CurrentStepsAsync([.. Queue, .. ToDeliver], ct);
        }
        catch (ForbiddenException e)
        {
            AddDomainError(e);
        }
    }
}
