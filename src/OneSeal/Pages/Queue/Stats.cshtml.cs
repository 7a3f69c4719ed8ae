using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Organisation;
using OneSeal.Pages.Shared;
using OneSeal.Platform.Http;
using OneSeal.Platform.Spreadsheets;
using OneSeal.Queue.Stats;
using OneSeal.Resources;

namespace OneSeal.Pages.Queue;

/// <summary><c>/hall/queue-stats</c>: 排队统计 for window chiefs, leaders and monitors, with charts and an xlsx export.</summary>
[Authorize(Roles = Roles.WindowChief + "," + Roles.Leader + "," + Roles.Monitor)]
public sealed class StatsModel(QueueStats stats, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    public QueueStatsView? View { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        ClearErrors();
        try
        {
            View = await stats.ForAsync(Me, From, To, ct);
            From = View.From.ToString("yyyy-MM-dd");
            To = View.To.ToString("yyyy-MM-dd");
        }
        catch (DomainException e)
        {
            AddDomainError(e);
        }
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        try
        {
            var v = await stats.ForAsync(Me, From, To, ct);
            return File(QueueStatsExport.Write(v), XlsxBook.ContentType, $"排队统计-{v.From:yyyyMMdd}-{v.To:yyyyMMdd}.xlsx");
        }
        catch (DomainException e)
        {
            AddDomainError(e);
            return Page();
        }
    }

    public BarChart ThemeChart => new("chart-theme", T["各领域平均等候与办理时长（分钟）"],
        T["等候：取号到首次叫号；办理：开始办理（或叫号）到办结。"],
        [new(T["平均等候"]), new(T["平均办理"])],
        View!.ByTheme.Select(r => new BarRow(r.Label, [r.AvgWaitMinutes ?? 0, r.AvgServiceMinutes ?? 0])).ToList());

    public BarChart HourChart => new("chart-hour", T["各时段取号人数"],
        T["按取号时间所在的小时统计。"],
        [new(T["取号"])],
        View!.ByHour.Select(r => new BarRow(r.Label, [r.Taken])).ToList());
}
