using System.Text.RegularExpressions;
using OneSeal.Organisation.Identifiers;
using OneSeal.Platform.Http;

namespace OneSeal.Organisation.Admin;

/// <summary>What an organisation's fields and place in the tree must satisfy; errors are collected (<see cref="FieldErrors"/>).</summary>
public sealed partial class OrganisationRules
{
    public FieldErrors Errors { get; } = new();

    public void Add(string field, string rule, string message) => Errors.Add(field, rule, message);
    public bool Has(string field) => Errors.Has(field);
    public void ThrowIfAny() => Errors.ThrowIfAny();
    public string Text(string? value, string field, string label, int max, bool required) => Errors.Text(value, field, label, max, required);
    public string? Optional(string? value, string field, string label, int max) => Errors.Optional(value, field, label, max);

    public string Code(string? value)
    {
        var v = Text(value, "code", "机构代码", 32, required: true);
        if (v.Length > 0 && !Has("code") && !CodePattern().IsMatch(v))
            Add("code", "format", "机构代码只能由字母、数字和连字符组成，且以字母或数字开头。");
        return v.ToUpperInvariant();
    }

    /// <summary>统一社会信用代码, checked by GB 32100 (check character included); optional (a section has none of its own).</summary>
    public string? Uscc(string? value)
    {
        var v = value?.Trim();
        if (string.IsNullOrEmpty(v)) return null;
        if (UnifiedSocialCreditCode.TryParse(v, out var code, out var error)) return code.Value;
        Add("uscc", "uscc", $"统一社会信用代码有误：{error}");
        return null;
    }

    /// <summary>An 11-digit mobile number or a landline with its area code (an extension after a hyphen is kept).</summary>
    public string? Phone(string? value)
    {
        var v = Optional(value, "phone", "联系电话", 32);
        if (v is not null && !Has("phone") && !PhonePattern().IsMatch(v))
            Add("phone", "phone", "联系电话应为11位手机号，或带区号的固定电话（如 0796-7236001）。");
        return v;
    }

    public OrganisationKind? Kind(string? value)
    {
        var v = value?.Trim();
        if (string.IsNullOrEmpty(v)) { Add("kind", "required", "请选择机构类型。"); return null; }
        if (Enum.TryParse<OrganisationKind>(v, ignoreCase: true, out var kind) && Enum.IsDefined(kind) && !v.All(char.IsAsciiDigit)) return kind;
        Add("kind", "unknown", "机构类型应为 Bureau、Department、Section、ServiceCentre、Hall 或 ServicePoint 之一。");
        return null;
    }

    /// <summary>
    /// Where each kind of organisation may sit: the bureau and the departments at the top; a section under the bureau or
    /// a department; the service centre at the top or under the bureau; a hall under a service centre; a service point
    /// at the top, under the service centre or under another service point (a village's 代办点 under its township's centre).
    /// Null when <paramref name="parent"/> is allowed; else the message.
    /// </summary>
    public static string? ParentProblem(OrganisationKind kind, OrganisationKind? parent) => (kind, parent) switch
    {
        (OrganisationKind.Bureau or OrganisationKind.Department, null) => null,
        (OrganisationKind.Bureau or OrganisationKind.Department, _) => $"{OrganisationLabels.Of(kind)}位于机构树顶层，不能设上级机构。",
        (OrganisationKind.Section, OrganisationKind.Bureau or OrganisationKind.Department) => null,
        (OrganisationKind.Section, _) => "科室的上级机构应为行政审批局或行政主管部门。",
        (OrganisationKind.ServiceCentre, null or OrganisationKind.Bureau) => null,
        (OrganisationKind.ServiceCentre, _) => "政务服务中心只能位于顶层或行政审批局之下。",
        (OrganisationKind.Hall, OrganisationKind.ServiceCentre) => null,
        (OrganisationKind.Hall, _) => "大厅（分厅）的上级机构应为政务服务中心。",
        (OrganisationKind.ServicePoint, null or OrganisationKind.ServiceCentre or OrganisationKind.ServicePoint) => null,
        (OrganisationKind.ServicePoint, _) => "便民服务中心（代办点）只能位于顶层、政务服务中心或上一级便民服务中心之下。",
        _ => "上级机构不符合机构类型的要求。",
    };

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,31}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$")]
    private static partial Regex PhonePattern();
}
