using System.Globalization;
using System.Text.RegularExpressions;
using OneSeal.Organisation.Identifiers;
using OneSeal.Platform.Http;

namespace OneSeal.Notices;

/// <summary>
/// The keys a <see cref="NoticeRequest"/> fills, as printed. Dates are <c>yyyy-MM-dd</c> (printed 2026年3月2日);
/// day counts are whole working days. Which are required depends on the kind (<see cref="Validate"/>).
/// </summary>
public static partial class NoticeFields
{
    /// <summary>Date the application was made (all kinds, optional).</summary>
    public const string ApplicationDate = "申请日期";
    /// <summary>Date of acceptance (optional; the acceptance notice defaults to its own date).</summary>
    public const string AcceptanceDate = "受理日期";
    /// <summary>The promised limit, e.g. "15个工作日" (acceptance; default: the statutory 二十个工作日).</summary>
    public const string TimeLimit = "承诺时限";
    /// <summary>Decision due date (acceptance, resumption, extension; optional).</summary>
    public const string DueDate = "办结期限";
    /// <summary>One material to supply or correct, with what is wrong ("营业执照复印件：未加盖公章"); repeat the key for each. Correction request: at least one.</summary>
    public const string Material = "补正材料";
    /// <summary>Further instructions on a correction request (optional).</summary>
    public const string CorrectionNote = "补正说明";
    /// <summary>The reasons: required for refusal, suspension, extension, denial and termination; optional for resumption and withdrawal.</summary>
    public const string Reason = "理由";
    /// <summary>Legal basis beyond the Administrative Licensing Law's own article (refusal, approval, denial, termination; optional).</summary>
    public const string LegalBasis = "法律依据";
    /// <summary>Refusal because another agency is competent: the agency to apply to (Art. 32(1)(2); optional).</summary>
    public const string CompetentAgency = "有关行政机关";
    /// <summary>Suspension: the procedure (听证, 检验, 检测, 检疫, 鉴定, 专家评审, 现场核查, ...). Required.</summary>
    public const string Procedure = "程序种类";
    /// <summary>Suspension: expected working days (1–365). Required.</summary>
    public const string ExpectedDays = "预计工作日";
    /// <summary>Suspension and resumption: the day the clock stopped (optional).</summary>
    public const string SuspendedOn = "中止日期";
    /// <summary>Resumption: the day the clock restarts (optional; default the notice's date).</summary>
    public const string ResumedOn = "恢复日期";
    /// <summary>Resumption: working days the clock stood still (optional).</summary>
    public const string PausedDays = "中止工作日";
    /// <summary>Extension: working days added (1–10; 1–15 for joint handling). Required.</summary>
    public const string ExtensionDays = "延长工作日";
    /// <summary>Extension: "是" for an item handled jointly, centrally or in one place (Art. 26: 45 + 15 days, approved by the government's head).</summary>
    public const string JointHandling = "联合办理";
    /// <summary>Approval: what is permitted (optional).</summary>
    public const string LicenceContent = "许可内容";
    /// <summary>Approval: the certificate's name (optional).</summary>
    public const string CertificateName = "证照名称";
    /// <summary>Approval: the certificate's number (optional).</summary>
    public const string CertificateNumber = "证照编号";
    /// <summary>Approval: validity (optional).</summary>
    public const string Validity = "有效期限";
    /// <summary>Delivery receipt: the document delivered, with its number (optional).</summary>
    public const string DeliveredDocument = "送达文书";
    /// <summary>Delivery receipt: 直接送达 / 窗口领取 / 邮寄送达 / 电子送达 / ... Required.</summary>
    public const string DeliveryMode = "送达方式";
    /// <summary>Delivery receipt: date of delivery. Required.</summary>
    public const string DeliveryDate = "送达日期";
    /// <summary>Delivery receipt: the person or enterprise served. Required.</summary>
    public const string Recipient = "受送达人";
    /// <summary>Delivery receipt: postal tracking number; required when the mode is by post.</summary>
    public const string TrackingNumber = "邮寄单号";
    /// <summary>Delivery receipt: where it was delivered (optional).</summary>
    public const string DeliveryPlace = "送达地点";
    /// <summary>Delivery receipt: who signed for it (optional; blank for a handwritten signature).</summary>
    public const string SignedBy = "签收人";
    /// <summary>Withdrawal: the day the applicant withdrew (optional; default the notice's date).</summary>
    public const string WithdrawnOn = "撤回日期";
    /// <summary>The person who filed for the addressee (经办人), when the addressee is another entity (optional).</summary>
    public const string Agent = "经办人";
    /// <summary>Overrides <c>Notices:ReconsiderationBody</c> for this notice (optional).</summary>
    public const string ReconsiderationBody = "复议机关";
    /// <summary>Overrides <c>Notices:Court</c> for this notice (optional).</summary>
    public const string Court = "管辖法院";

    /// <summary>Fee notice: what the fee is for (optional; default the item).</summary>
    public const string FeeItem = "收费项目";
    /// <summary>Fee notice: the amount in figures, e.g. ¥1,200.00. Required.</summary>
    public const string FeeAmount = "缴款金额";
    /// <summary>Fee notice: the amount in Chinese capitals (人民币壹仟贰佰元整).</summary>
    public const string FeeAmountInWords = "金额大写";
    /// <summary>Fee notice: the 20-digit non-tax payment code. Required.</summary>
    public const string PaymentCode = "非税缴款码";
    /// <summary>Fee notice: the basis of the fee (optional).</summary>
    public const string FeeBasis = "收费依据";

    public const int MaxFields = 60;
    public const int MaxKeyLength = 32;
    public const int MaxValueLength = 1000;

    private static readonly HashSet<string> DateKeys = [ApplicationDate, AcceptanceDate, DueDate, SuspendedOn, ResumedOn, DeliveryDate, WithdrawnOn];

    /// <summary>The fields each kind must have.</summary>
    public static IReadOnlyList<string> RequiredFor(NoticeKind kind) => kind switch
    {
        NoticeKind.CorrectionRequest => [Material],
        NoticeKind.Refusal or NoticeKind.Denial or NoticeKind.Termination or NoticeKind.Revocation => [Reason],
        NoticeKind.Suspension => [Procedure, Reason, ExpectedDays],
        NoticeKind.Extension => [Reason, ExtensionDays],
        NoticeKind.DeliveryReceipt => [DeliveryMode, DeliveryDate, Recipient],
        NoticeKind.FeeNotice => [FeeAmount, PaymentCode],
        _ => [],
    };

    /// <summary>
    /// Checks the request and returns its fields trimmed, dates normalised to yyyy-MM-dd, identity numbers masked.
    /// Every problem is reported at once (400, keys <c>fields.理由</c> etc.); nothing is written before this passes.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Validate(NoticeRequest r)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) =>
            errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];
        void Require(string field, string? value, int max, string label)
        {
            if (string.IsNullOrWhiteSpace(value)) Add(field, $"{label}不能为空");
            else if (value.Trim().Length > max) Add(field, $"{label}不能超过{max}个字符");
        }

        if (!Enum.IsDefined(r.Kind)) Add("kind", "文书种类无效");
        if (r.CaseId == Guid.Empty) Add("caseId", "办件不能为空");
        Require("caseNumber", r.CaseNumber, 64, "办件编号");
        if (r.IssuerOrganisationId == Guid.Empty) Add("issuerOrganisationId", "签发机关不能为空");
        Require("issuerName", r.IssuerName, 128, "签发机关名称");
        Require("applicantName", r.ApplicantName, 200, "申请人");
        Require("itemName", r.ItemName, 200, "事项名称");

        var fields = new List<KeyValuePair<string, string>>();
        var given = r.Fields ?? [];
        if (given.Count > MaxFields) Add("fields", $"文书字段不能超过{MaxFields}项");
        foreach (var (rawKey, rawValue) in given.Take(MaxFields))
        {
            var key = rawKey?.Trim() ?? "";
            var value = rawValue?.Trim() ?? "";
            if (key.Length == 0) { Add("fields", "字段名不能为空"); continue; }
            if (key.Length > MaxKeyLength) { Add("fields", $"字段名“{key[..MaxKeyLength]}…”超过{MaxKeyLength}个字符"); continue; }
            if (value.Length == 0) { Add($"fields.{key}", $"{key}不能为空"); continue; }
            if (value.Length > MaxValueLength) { Add($"fields.{key}", $"{key}不能超过{MaxValueLength}个字符"); continue; }
            if (DateKeys.Contains(key))
            {
                if (!TryDate(value, out var date)) { Add($"fields.{key}", $"{key}应为日期，格式 yyyy-MM-dd"); continue; }
                value = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            }
            fields.Add(new(key, MaskIdentityNumbers(value)));
        }

        if (Enum.IsDefined(r.Kind))
        {
            foreach (var key in RequiredFor(r.Kind).Where(k => !fields.Any(f => f.Key == k) && !errors.ContainsKey($"fields.{k}")))
                Add($"fields.{key}", $"{NoticeKinds.Title(r.Kind)}须写明{key}");
            CheckKindRules(r.Kind, fields, Add);
        }

        if (errors.Count > 0) throw new InvalidInputsException(errors, "notice-fields");
        return fields;
    }

    private static void CheckKindRules(NoticeKind kind, List<KeyValuePair<string, string>> fields, Action<string, string> add)
    {
        switch (kind)
        {
            case NoticeKind.Suspension:
                CheckDays(fields, ExpectedDays, 1, 365, add);
                break;
            case NoticeKind.Resumption:
                CheckDays(fields, PausedDays, 0, 3650, add);
                break;
            case NoticeKind.Extension:
                // Art. 42: ten working days with the head's approval; joint handling (Art. 26) fifteen.
                var joint = IsJoint(fields);
                CheckDays(fields, ExtensionDays, 1, joint ? 15 : 10, add, joint
                    ? "联合办理的审批期限最多延长十五个工作日（《中华人民共和国行政许可法》第四十二条第二款）"
                    : "审批期限最多延长十个工作日（《中华人民共和国行政许可法》第四十二条第一款）");
                if (Value(fields, JointHandling) is { } j && j is not ("是" or "否"))
                    add($"fields.{JointHandling}", $"{JointHandling}应为“是”或“否”");
                break;
            case NoticeKind.DeliveryReceipt:
                if (Value(fields, DeliveryMode) is { } mode && mode.Contains("邮寄", StringComparison.Ordinal) && Value(fields, TrackingNumber) is null)
                    add($"fields.{TrackingNumber}", "邮寄送达须写明邮寄单号");
                break;
        }
    }

    private static void CheckDays(List<KeyValuePair<string, string>> fields, string key, int min, int max, Action<string, string> add, string? overMax = null)
    {
        if (Value(fields, key) is not { } text) return;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days < min)
            add($"fields.{key}", $"{key}应为不小于{min}的整数");
        else if (days > max)
            add($"fields.{key}", overMax ?? $"{key}不能超过{max}");
    }

    internal static bool IsJoint(IReadOnlyList<KeyValuePair<string, string>> fields) => Value(fields, JointHandling) == "是";

    /// <summary>The first value under <paramref name="key"/>, or null.</summary>
    public static string? Value(IReadOnlyList<KeyValuePair<string, string>> fields, string key)
    {
        foreach (var (k, v) in fields) if (k == key) return v;
        return null;
    }

    public static IReadOnlyList<string> Values(IReadOnlyList<KeyValuePair<string, string>> fields, string key) =>
        fields.Where(f => f.Key == key).Select(f => f.Value).ToList();

    public static bool IsDate(string key) => DateKeys.Contains(key);

    private static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
        || DateOnly.TryParseExact(text, "yyyy年M月d日", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>
    /// Masks 18-character identity numbers wherever they appear in a value: anything shaped like a citizen ID number
    /// (17 digits and a check character, valid or not) and any valid unified social credit code.
    /// </summary>
    public static string MaskIdentityNumbers(string value) =>
        IdentityLike().Replace(value, m =>
        {
            var token = m.Value;
            var citizenShaped = token.AsSpan(0, 17).IndexOfAnyExceptInRange('0', '9') < 0 && (char.IsAsciiDigit(token[17]) || token[17] is 'X' or 'x');
            return citizenShaped || UnifiedSocialCreditCode.TryParse(token, out _, out _) ? Masking.MaskIdentity(token) : token;
        });

    [GeneratedRegex("(?<![0-9A-Za-z])[0-9A-Za-z]{18}(?![0-9A-Za-z])", RegexOptions.CultureInvariant)]
    private static partial Regex IdentityLike();
}
