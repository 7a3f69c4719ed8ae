using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Calendar;
using OneSeal.Platform.Http;
using OneSeal.Resources;

namespace OneSeal.Pages.Calendar;

/// <summary>Public working-day calculator (工作日计算器): what a clerk uses to answer "when is my case due".</summary>
public sealed class IndexModel(WorkingDayClock clock, TimeProvider time, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? Days { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }

    public DateOnly? Due { get; private set; }
    public int? Count { get; private set; }
    public IReadOnlyList<DateOnly> Skipped { get; private set; } = [];
    /// <summary>Years the computed due date or count reaches whose holidays are not entered (only weekends were skipped).</summary>
    public IReadOnlyList<int> DueMissingYears { get; private set; } = [];
    public IReadOnlyList<int> CountMissingYears { get; private set; } = [];
    public HolidayCalendar Calendar => clock.Current;

    public void OnGet()
    {
        ClearErrors();
        From ??= Platform.Time.LegalDates.Today(time).ToString("yyyy-MM-dd");
        if (string.IsNullOrEmpty(Days) && string.IsNullOrEmpty(To)) return;
        try
        {
            var from = CalendarApi.ParseDate("from", From);
            if (!string.IsNullOrEmpty(Days))
            {
                if (!int.TryParse(Days, out var n) || n < 0 || n > CalendarApi.MaxDays)
                    throw new InvalidInputException("days", "range", $"工作日天数应为 0 到 {CalendarApi.MaxDays} 之间的整数。");
                Due = clock.AddWorkingDays(from, n);
                Skipped = NonWorkingDays(from, Due.Value);
                DueMissingYears = clock.MissingYears(from, Due.Value);
            }
            if (!string.IsNullOrEmpty(To))
            {
                var to = CalendarApi.ParseDate("to", To);
                if (to < from) throw new InvalidInputException("to", "not-before-from", "结束日期不能早于起算日期。");
                if (to.DayNumber - from.DayNumber > CalendarApi.MaxDays * 2) throw new InvalidInputException("to", "range", "日期跨度过大。");
                Count = clock.CountWorkingDays(from, to);
                CountMissingYears = clock.MissingYears(from, to);
            }
        }
        catch (InvalidInputException e)
        {
            AddDomainError(e);
        }
    }

    /// <summary>The days between start and due that were not counted, so the answer explains itself.</summary>
    private List<DateOnly> NonWorkingDays(DateOnly from, DateOnly to)
    {
        var list = new List<DateOnly>();
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
            if (!clock.IsWorkingDay(d)) list.Add(d);
        return list;
    }
}
