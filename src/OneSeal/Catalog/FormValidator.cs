using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using OneSeal.Organisation.Identifiers;
using OneSeal.Platform.Http;

namespace OneSeal.Catalog;

/// <summary>
/// Checks an application form against the item's fields: required, known keys only, and each type's rule
/// (citizen ID per GB 11643, USCC per GB 32100). All errors are reported at once, keyed <c>form.{key}</c>.
/// </summary>
public static partial class FormValidator
{
    public const int MaxValueLength = 500;

    public static IReadOnlyDictionary<string, string> Validate(IReadOnlyList<ItemFormField> fields, IReadOnlyDictionary<string, string?> form, DateOnly today, bool requireAll)
    {
        var errors = new Dictionary<string, string[]>();
        var known = fields.ToDictionary(f => f.Key, StringComparer.Ordinal);
        foreach (var key in form.Keys.Where(k => !known.ContainsKey(k)))
            errors[$"form.{key}"] = [$"“{key}”不是本事项申请表中的字段"];

        var clean = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in fields.OrderBy(f => f.SortOrder))
        {
            var value = form.TryGetValue(field.Key, out var v) ? v?.Trim() : null;
            if (string.IsNullOrEmpty(value))
            {
                if (field.Required && requireAll) errors[$"form.{field.Key}"] = [$"请填写“{field.Label}”（必填）"];
                continue;
            }
            var error = Check(field, value, today, out var normalised);
            if (error is not null) errors[$"form.{field.Key}"] = [error];
            else clean[field.Key] = normalised;
        }
        if (errors.Count > 0) throw new InvalidInputsException(errors, "form");
        return clean;
    }

    public static Dictionary<string, string?> FromJson(JsonElement? form)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (form is null or { ValueKind: JsonValueKind.Null }) return result;
        if (form is not { ValueKind: JsonValueKind.Object } obj)
            throw new InvalidInputException("form", "type", "form 应为对象，键为表单项标识，值为文字或数字。");
        foreach (var p in obj.EnumerateObject())
            result[p.Name] = p.Value.ValueKind switch
            {
                JsonValueKind.String => p.Value.GetString(),
                JsonValueKind.Null => null,
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => p.Value.GetRawText(),
                _ => throw new InvalidInputException($"form.{p.Name}", "form-value-type", $"“{p.Name}”的值应为文字或数字"),
            };
        return result;
    }

    private static string? Check(ItemFormField field, string value, DateOnly today, out string normalised)
    {
        normalised = value;
        if (value.Length > MaxValueLength) return $"“{field.Label}”不能超过{MaxValueLength}个字符";
        switch (field.Type)
        {
            case FormFieldType.CitizenId:
                if (!CitizenIdNumber.TryParse(value, today, out var id, out var idError)) return $"“{field.Label}”：{idError}";
                normalised = id.Value;
                return null;
            case FormFieldType.Uscc:
                if (!UnifiedSocialCreditCode.TryParse(value, out var code, out var codeError)) return $"“{field.Label}”：{codeError}";
                normalised = code.Value;
                return null;
            case FormFieldType.Phone:
                return PhonePattern().IsMatch(value) ? null : $"“{field.Label}”应为11位手机号或带区号的固定电话";
            case FormFieldType.Date:
                return DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                    ? null : $"“{field.Label}”应为日期，格式 yyyy-MM-dd";
            case FormFieldType.Number:
                return decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _) ? null : $"“{field.Label}”应为数字";
            default:
                return null;
        }
    }

    [GeneratedRegex(@"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")]
    private static partial Regex PhonePattern();
}
