using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Calendar;
using OneSeal.Organisation;
using OneSeal.Platform.Http;
using OneSeal.Resources;

namespace OneSeal.Pages.Admin;

/// <summary>工作日历维护: enter a newly announced year, amend one, add a local closure. Running cases are rescheduled.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class CalendarModel(CalendarAdmin admin, TimeProvider time, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    public IReadOnlyList<CalendarYear> Years { get; private set; } = [];
    /// <summary>Years an administrator should enter now: this year if missing, and from 1 November next year if missing.</summary>
    public IReadOnlyList<int> MissingYears { get; private set; } = [];
    public IReadOnlyList<CalendarDay> Closures { get; private set; } = [];

    [BindProperty] public int Year { get; set; } = DateTime.Today.Year + 1;
    [BindProperty] public string? Notice { get; set; }
    /// <summary>One holiday per line: 名称 起始日期 [结束日期].</summary>
    [BindProperty] public string? HolidayLines { get; set; }
    /// <summary>One make-up working day per line: 名称 日期.</summary>
    [BindProperty] public string? WorkdayLines { get; set; }
    [BindProperty] public string? ClosureDate { get; set; }
    [BindProperty] public string? ClosureName { get; set; }

    public async Task OnGetAsync(int? edit, CancellationToken ct)
    {
        await LoadAsync(ct);
        if (edit is { } year) await FillFromYearAsync(year, ct);
    }

    public async Task<IActionResult> OnPostYearAsync(CancellationToken ct)
    {
        ClearErrors();
        try
        {
            var holidays = ParseLines(HolidayLines, "holidayLines", 2, 3).Select(p => new HolidayRange(p[0], Date(p[1]), Date(p.Length > 2 ? p[2] : p[1]))).ToList();
            var workdays = ParseLines(WorkdayLines, "workdayLines", 2, 2).Select(p => new MakeUpDay(p[0], Date(p[1]))).ToList();
            await admin.SaveYearAsync(Me, Year, Notice, holidays, workdays, ct);
            TempData[NoticeKey] = T["{0} 年节假日安排已保存，在办件的办结期限已重新计算。", Year].Value;
            return RedirectToPage();
        }
        catch (DomainException e)
        {
            AddDomainError(e, key => key.StartsWith("holidays", StringComparison.Ordinal) ? "HolidayLines"
                : key.StartsWith("workdays", StringComparison.Ordinal) ? "WorkdayLines" : key switch { "year" => "Year", "notice" => "Notice", _ => key });
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostClosureAsync(CancellationToken ct)
    {
        ClearErrors();
        try
        {
            await admin.AddClosureAsync(Me, Date(ClosureDate, "date"), ClosureName, ct);
            TempData[NoticeKey] = T["本地停止办公日已登记，在办件的办结期限已重新计算。"].Value;
            return RedirectToPage();
        }
        catch (DomainException e)
        {
            AddDomainError(e, key => key switch { "date" => "ClosureDate", "name" => "ClosureName", _ => key });
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Years = await admin.YearsAsync(ct);
        MissingYears = YearsDue(Platform.Time.LegalDates.Today(time)).Where(y => !Years.Any(x => x.Year == y && x.Region == NationalHolidays.NationalRegion)).ToList();
        Closures = await admin.ClosuresAsync(50, ct);
    }

    /// <summary>The State Council announces next year's holidays late in the year: from 1 November it is due here.</summary>
    internal static IEnumerable<int> YearsDue(DateOnly today) => today.Month >= 11 ? [today.Year, today.Year + 1] : [today.Year];

    private async Task FillFromYearAsync(int year, CancellationToken ct)
    {
        var y = Years.FirstOrDefault(x => x.Year == year && x.Region == NationalHolidays.NationalRegion);
        if (y is null) return;
        Year = year;
        Notice = y.Notice;
        var days = await admin.NationalDaysAsync(year, ct);
        // Consecutive holidays with the same name become one line: 春节 2026-02-15 2026-02-23.
        var lines = new List<string>();
        foreach (var g in days.Where(d => d.Kind == CalendarDayKind.Holiday).GroupBy(d => d.Name))
        {
            var run = g.ToList();
            lines.Add($"{g.Key} {run[0].Date:yyyy-MM-dd} {run[^1].Date:yyyy-MM-dd}");
        }
        HolidayLines = string.Join("\n", lines);
        WorkdayLines = string.Join("\n", days.Where(d => d.Kind == CalendarDayKind.MakeUpWorkday).Select(d => $"{d.Name} {d.Date:yyyy-MM-dd}"));
    }

    private static List<string[]> ParseLines(string? text, string field, int min, int max)
    {
        var result = new List<string[]>();
        var lines = (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < lines.Length; i++)
        {
            var parts = lines[i].Split([' ', '\t', '，', ','], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < min || parts.Length > max)
                throw new InvalidInputException(field, "line-format", $"第{i + 1}行格式应为：名称 日期{(max > 2 ? " [结束日期]" : "")}");
            result.Add(parts);
        }
        return result;
    }

    private static DateOnly? Date(string? value) => Date(value, "date");

    private static DateOnly? Date(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? null
        : DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
        : throw new InvalidInputException(field, "date-format", $"“{value}”不是 YYYY-MM-DD 格式的日期。");
}
