using OneSeal.Organisation.Identifiers;
using OneSeal.Platform.Http;
using OneSeal.Platform.Time;

namespace OneSeal.Seal;

/// <summary>GB/T 36901 持证主体代码类型 values this system issues to.</summary>
public static class HolderCodeTypes
{
    public const string CitizenId = "111";
    public const string CreditCode = "001";
    public const string OtherOrganisation = "099";
    public const string OtherPerson = "999";

    public static bool IsKnown(string? type) => type is CitizenId or CreditCode or OtherOrganisation or OtherPerson;

    public static readonly IReadOnlyList<string> All = [CitizenId, CreditCode, OtherOrganisation, OtherPerson];

    /// <summary>The Chinese name of a code type, as forms and guides show it.</summary>
    public static string Label(string? type) => type switch
    {
        CitizenId => "居民身份证号码",
        CreditCode => "统一社会信用代码",
        OtherOrganisation => "其他组织机构代码",
        OtherPerson => "其他个人证件号码",
        _ => "",
    };
}

/// <summary>Checks a request before anything is numbered, rendered or stored; all problems are reported at once.</summary>
internal static class CertificateRequestRules
{
    public sealed record HolderCode(string Value, string Masked);

    public static HolderCode Validate(CertificateRequest r, TimeProvider clock)
    {
        var errors = new Dictionary<string, string[]>();
        void Require(string field, string? value, int max, string label)
        {
            if (string.IsNullOrWhiteSpace(value)) errors[field] = [$"{label}不能为空"];
            else if (value.Trim().Length > max) errors[field] = [$"{label}不能超过{max}个字符"];
        }

        Require("caseNumber", r.CaseNumber, 64, "办件编号");
        Require("itemCode", r.ItemCode, 64, "事项编码");
        Require("itemName", r.ItemName, 200, "事项名称");
        Require("certificateName", r.CertificateName, 128, "证照名称");
        Require("typeCode", r.TypeCode, 64, "证照类型代码");
        Require("holderName", r.HolderName, 200, "持证主体");
        Require("issuerName", r.IssuerName, 128, "颁发机构");

        HolderCode? holder = null;
        string? error = null;
        switch (r.HolderCodeType)
        {
            case HolderCodeTypes.CitizenId when CitizenIdNumber.TryParse(r.HolderCode, LegalDates.Today(clock), out var id, out error):
                holder = new(id.Value, id.Masked);
                break;
            case HolderCodeTypes.CreditCode when UnifiedSocialCreditCode.TryParse(r.HolderCode, out var uscc, out error):
                holder = new(uscc.Value, uscc.Masked);
                break;
            case HolderCodeTypes.OtherOrganisation or HolderCodeTypes.OtherPerson when !string.IsNullOrWhiteSpace(r.HolderCode) && r.HolderCode.Trim().Length <= 64:
                holder = new(r.HolderCode.Trim(), Masking.MaskIdentity(r.HolderCode));
                break;
            case var t when !HolderCodeTypes.IsKnown(t):
                errors["holderCodeType"] = ["持证主体代码类型应为 111（身份证）、001（统一社会信用代码）、099 或 999"];
                break;
            default:
                errors["holderCode"] = [error ?? "持证主体代码不能为空且不超过64个字符"];
                break;
        }

        if (!UnifiedSocialCreditCode.TryParse(r.IssuerCode, out _, out var issuerError))
            errors["issuerCode"] = ["颁发机构代码：" + issuerError];
        if (r.ValidUntil is { } until && until < r.ValidFrom)
            errors["validUntil"] = ["有效期截止日期不能早于起始日期"];
        if (r.Details.Any(d => string.IsNullOrWhiteSpace(d.Key)))
            errors["details"] = ["证照内容的每一项都要有名称"];

        if (errors.Count > 0) throw new InvalidInputsException(errors, "certificate-request");
        return holder!;
    }
}
