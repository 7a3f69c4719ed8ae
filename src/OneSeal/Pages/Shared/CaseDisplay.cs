using System.Globalization;
using System.Text.Json;
using OneSeal.Cases;
using OneSeal.Catalog;
using OneSeal.Organisation.Identifiers;
using OneSeal.Platform.Time;

namespace OneSeal.Pages;

/// <summary>What the case pages show, computed once: masked form values, material rows, dates in Asia/Shanghai.</summary>
public static class CaseDisplay
{
    public sealed record FormValue(string Label, string? Value);

    /// <summary><paramref name="NotSubmitted"/>: why the applicant did not upload it (checked against shared data, replaced by a commitment).</summary>
    public sealed record MaterialRow(ItemMaterial Item, CaseMaterial? Uploaded, bool InCorrectionNotice, Cases.Materials.NotSubmittedReason? NotSubmitted = null);

    /// <summary>
    /// The application form as labelled values. Identity codes (citizen ID, credit code) and phone numbers are
    /// masked: staff and the applicant recognise the record without the page showing the whole number.
    /// </summary>
    public static IReadOnlyList<FormValue> Form(CaseQueries.CaseDetail d)
    {
        return d.FormFields.Select(f =>
        {
            var v = d.Form.TryGetValue(f.Key, out var raw) && !string.IsNullOrWhiteSpace(raw) ? raw : null;
            if (v is not null)
                v = f.Type switch
                {
                    FormFieldType.CitizenId or FormFieldType.Uscc => Masking.MaskIdentity(v),
                    FormFieldType.Phone => Masking.MaskPhone(v),
                    _ => v,
                };
            return new FormValue(f.Label, v);
        }).ToList();
    }

    /// <summary>Required fields a draft still lacks (a draft may be saved half-filled).</summary>
    public static IReadOnlyList<string> MissingRequiredFields(CaseQueries.CaseDetail d)
    {
        return d.FormFields.Where(f => f.Required && (!d.Form.TryGetValue(f.Key, out var v) || string.IsNullOrWhiteSpace(v)))
            .Select(f => f.Label).ToList();
    }

    public static IReadOnlyList<string> CorrectionCodes(Case c) =>
        string.IsNullOrEmpty(c.CorrectionMaterialsJson) ? [] : JsonSerializer.Deserialize<string[]>(c.CorrectionMaterialsJson) ?? [];

    public static IReadOnlyList<MaterialRow> Materials(CaseQueries.CaseDetail d)
    {
        var listed = d.Case.Status == CaseStatus.CorrectionRequested ? CorrectionCodes(d.Case).ToHashSet() : [];
        var exempt = d.NotSubmitted.ToDictionary(x => x.Material.Code, x => x.Reason);
        return d.ItemMaterials.Select(m => new MaterialRow(m, d.Materials.FirstOrDefault(u => u.MaterialCode == m.Code), listed.Contains(m.Code),
            exempt.TryGetValue(m.Code, out var why) ? why : null)).ToList();
    }

    public static string Local(DateTimeOffset? instant) =>
        instant is { } i ? LegalDates.ToLocal(i).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "";

    public static string Iso(DateTimeOffset instant) => LegalDates.ToLocal(instant).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);

    public static string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes / 1024.0 / 1024.0:0.#} MB",
    };

    /// <summary>Chinese weekday (a UI key: 周一 … 周日).</summary>
    public static string Weekday(DateOnly d) => d.DayOfWeek switch
    {
        DayOfWeek.Monday => "周一", DayOfWeek.Tuesday => "周二", DayOfWeek.Wednesday => "周三", DayOfWeek.Thursday => "周四",
        DayOfWeek.Friday => "周五", DayOfWeek.Saturday => "周六", _ => "周日",
    };

    /// <summary>Deadline state as the API spells it (normal / yellow / red / paused) → its Chinese label (a UI key).</summary>
    public static string DeadlineStateLabel(string state) => state switch
    {
        "normal" => "正常",
        "yellow" => "黄牌预警",
        "red" => "红牌超期",
        "paused" => "期限中止",
        _ => state,
    };

    /// <summary>CSS class of the deadline state tag (colours from site.css: warn amber, bad red).</summary>
    public static string DeadlineStateClass(string state) => state switch
    {
        "yellow" or "paused" => "tag warn",
        "red" => "tag bad",
        _ => "tag",
    };

    /// <summary>CSS class of a process step's state tag (done green, yellow and paused amber, red red).</summary>
    public static string StepStateClass(string state) => state switch
    {
        "done" => "tag ok",
        "yellow" or "paused" => "tag warn",
        "red" => "tag bad",
        _ => "tag",
    };

    public static string DeadlineStateApi(Cases.Clock.DeadlineState state) => state.ToString().ToLowerInvariant();

    /// <summary>Pause kind API name (inspection, expert-review, ...) → its Chinese label.</summary>
    public static string PauseKindLabel(string api) =>
        Cases.Clock.PauseLabels.TryParse(api, out var kind) ? Cases.Clock.PauseLabels.Of(kind) : api;

    /// <summary>Delivery mode (pickup / post / electronic) → its Chinese label (a UI key).</summary>
    public static string DeliveryModeLabel(string? mode) => mode switch
    {
        "pickup" => "窗口领取",
        "post" => "邮寄送达",
        "electronic" => "电子送达",
        _ => mode ?? "",
    };

    /// <summary>Parses a whole number typed into a form; anything else is null (the service then says what it expects).</summary>
    public static int? WholeNumber(string? text) =>
        int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>The id of the input a ModelState key belongs to (form.uscc → form_uscc), for links in the error summary.</summary>
    public static string IdFor(string key) => key.Replace('.', '_');
}
