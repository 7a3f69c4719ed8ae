using System.Text.RegularExpressions;
using OneSeal.Organisation.Applicants;
using OneSeal.Organisation.Identifiers;
using OneSeal.Platform.Http;

namespace OneSeal.Cases.Search;

/// <summary>What a window search looks for: one criterion, checked and normalised.</summary>
public enum CaseSearchKind { Number, Applicant, IdNumber, Phone }

/// <summary>
/// One search criterion (办件检索): a case number (exact, else prefix), an applicant name (contains), a citizen ID number
/// or USCC (exact, on the account's keyed hash), or a mobile number (exact, on the keyed hash). One at a time: the window
/// asks one question, and each is answered from its own index.
/// </summary>
public sealed partial record CaseSearchCriterion(CaseSearchKind Kind, string Value)
{
    public const int MaxName = 64;
    public const int MinNumber = 4;

    /// <summary>The API's field for <paramref name="kind"/>.</summary>
    public static string Field(CaseSearchKind kind) => kind switch
    {
        CaseSearchKind.Number => "number",
        CaseSearchKind.Applicant => "applicant",
        CaseSearchKind.IdNumber => "idNumber",
        _ => "phone",
    };

    /// <summary>From the API's query parameters: exactly one of them; otherwise a problem naming the field.</summary>
    public static CaseSearchCriterion FromQuery(string? number, string? applicant, string? idNumber, string? phone, DateOnly today)
    {
        var given = new (CaseSearchKind Kind, string? Value)[]
            { (CaseSearchKind.Number, number), (CaseSearchKind.Applicant, applicant), (CaseSearchKind.IdNumber, idNumber), (CaseSearchKind.Phone, phone) }
            .Where(g => g.Value is not null).ToList();
        if (given.Count == 0) throw new InvalidInputException("number", "required", "请给出一个检索条件：办件编号、申请人姓名、证件号码或手机号码。");
        if (given.Count > 1)
            throw new InvalidInputException(Field(given[1].Kind), "one-criterion", "每次只能按一个条件检索：办件编号、申请人姓名、证件号码或手机号码。");
        return Parse(given[0].Kind, given[0].Value, today);
    }

    /// <summary>
    /// What a search box's text is (<c>/hall/search?q=</c>): an 18-character citizen ID or USCC, an 11-digit mobile
    /// number, a case number (Latin letters and digits, at least one digit), otherwise an applicant's name.
    /// </summary>
    public static CaseSearchCriterion Guess(string? q, DateOnly today)
    {
        var text = (q ?? "").Trim();
        if (text.Length > 100) text = text[..100];
        var compact = text.Replace(" ", "").Replace("-", "");
        var kind = compact.Length == 18 && IdLike().IsMatch(compact) ? CaseSearchKind.IdNumber
            : PhoneLike().IsMatch(compact.StartsWith("+86", StringComparison.Ordinal) ? compact[3..] : compact) ? CaseSearchKind.Phone
            : NumberLike().IsMatch(text) ? CaseSearchKind.Number
            : CaseSearchKind.Applicant;
        return Parse(kind, text, today);
    }

    public static CaseSearchCriterion Parse(CaseSearchKind kind, string? raw, DateOnly today)
    {
        var field = Field(kind);
        var text = raw?.Trim() ?? "";
        if (text.Length == 0) throw new InvalidInputException(field, "required", "请输入检索内容。");
        if (text.Length > 100 || text.Any(char.IsControl))
            throw new InvalidInputException(field, "format", "检索内容过长或含有控制字符。");
        switch (kind)
        {
            case CaseSearchKind.Number:
                if (!NumberChars().IsMatch(text))
                    throw new InvalidInputException(field, "case-number", "办件编号只含字母、数字和连字符，如 QS20261121-00001。");
                if (text.Length < MinNumber)
                    throw new InvalidInputException(field, "min-length", $"办件编号至少输入 {MinNumber} 位（可只输入开头部分）。");
                return new(kind, text.ToUpperInvariant());
            case CaseSearchKind.Applicant:
                if (text.Length > MaxName || !TextRules.IsClean(text))
                    throw new InvalidInputException(field, "name", $"申请人姓名（名称）不能超过 {MaxName} 个字符，且不能含特殊控制字符。");
                return new(kind, text);
            case CaseSearchKind.IdNumber:
                var code = text.Replace(" ", "").ToUpperInvariant();
                if (CitizenIdNumber.TryParse(code, today, out var id, out var idError)) return new(kind, id.Value);
                if (UnifiedSocialCreditCode.TryParse(code, out var uscc, out var usccError)) return new(kind, uscc.Value);
                throw new InvalidInputException(field, "id-number",
                    code.Length == 18 && code[..17].All(char.IsAsciiDigit) ? "身份证号码：" + idError : "证件号码应为 18 位身份证号码或统一社会信用代码：" + usccError);
            default:
                if (MobilePhone.Problem(text, out var phone) is { } phoneError)
                    throw new InvalidInputException(field, "phone-format", phoneError);
                return new(kind, phone!);
        }
    }

    [GeneratedRegex("^[0-9A-Za-z]{17}[0-9A-Za-z]$")]
    private static partial Regex IdLike();
    [GeneratedRegex("^1[0-9]{10}$")]
    private static partial Regex PhoneLike();
    [GeneratedRegex("^[A-Za-z]{0,8}[0-9][0-9A-Za-z-]*$")]
    private static partial Regex NumberLike();
    [GeneratedRegex("^[0-9A-Za-z-]+$")]
    private static partial Regex NumberChars();
}
