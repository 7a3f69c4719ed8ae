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

    public sealed record MaterialRow(ItemMaterial Item, CaseMaterial? Uploaded, bool InCorrectionNotice);

    /// <summary>
    /// The application form as labelled values. Identity codes (citizen ID, credit code) and phone numbers are
    /// masked: staff and the applicant recognise the record without the page showing the whole number.
    /// </summary>
    public static IReadOnlyList<FormValue> Form(CaseQueries.CaseDetail d)
    {
        var form = CaseCommands.ReadForm(d.Case);
        return d.FormFields.Select(f =>
        {
            var v = form.TryGetValue(f.Key, out var raw) && !string.IsNullOrWhiteSpace(raw) ? raw : null;
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
        var form = CaseCommands.ReadForm(d.Case);
        return d.FormFields.Where(f => f.Required && (!form.TryGetValue(f.Key, out var v) || string.IsNullOrWhiteSpace(v)))
            .Select(f => f.Label).ToList();
    }

    public static IReadOnlyList<string> CorrectionCodes(Case c) =>
        string.IsNullOrEmpty(c.CorrectionMaterialsJson) ? [] : JsonSerializer.Deserialize<string[]>(c.CorrectionMaterialsJson) ?? [];

    public static IReadOnlyList<MaterialRow> Materials(CaseQueries.CaseDetail d)
    {
        var listed = d.Case.Status == CaseStatus.CorrectionRequested ? CorrectionCodes(d.Case).ToHashSet() : [];
        return d.ItemMaterials.Select(m => new MaterialRow(m, d.Materials.FirstOrDefault(u => u.MaterialCode == m.Code), listed.Contains(m.Code))).ToList();
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

    /// <summary>The id of the input a ModelState key belongs to (form.uscc → form_uscc), for links in the error summary.</summary>
    public static string IdFor(string key) => key.Replace('.', '_');
}
