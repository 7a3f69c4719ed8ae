using System.Text.RegularExpressions;
using OneSeal.Organisation.Accounts;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;

namespace OneSeal.Organisation.Staff;

/// <summary>
/// The checks of a staff account's fields, each a Chinese message or null. The API and the page throw them together
/// (<see cref="InvalidInputsException"/>); the import lists them per row.
/// </summary>
public static partial class StaffFields
{
    public const int MaxUsername = 64, MaxDisplayName = 64, MaxStaffNumber = 32, MaxPhone = 20;

    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static string? UsernameProblem(string? username) => Clean(username) switch
    {
        null => "请填写用户名。",
        { Length: < 3 or > MaxUsername } => $"用户名应为 3 到 {MaxUsername} 个字符。",
        var u when !UsernamePattern().IsMatch(u) => "用户名只能由字母、数字、点、下划线和连字符组成，并以字母或数字开头。",
        _ => null,
    };

    public static string? DisplayNameProblem(string? name) => Clean(name) switch
    {
        null => "请填写姓名。",
        { Length: > MaxDisplayName } => $"姓名不能超过 {MaxDisplayName} 个字符。",
        var n when n.Any(char.IsControl) || !TextRules.IsClean(n) => "姓名含有不允许的字符。",
        _ => null,
    };

    public static string? StaffNumberProblem(string? number) => Clean(number) switch
    {
        null => null,
        { Length: > MaxStaffNumber } => $"工号不能超过 {MaxStaffNumber} 个字符。",
        var n when !StaffNumberPattern().IsMatch(n) => "工号只能由字母、数字和连字符组成。",
        _ => null,
    };

    public static string? PhoneProblem(string? phone) => Clean(phone) switch
    {
        null => null,
        var p when !PhonePattern().IsMatch(p) => "电话号码应为 7 到 20 位数字，可含连字符。",
        _ => null,
    };

    public static string? PasswordProblem(string? password, string? username) =>
        PasswordPolicy.Problem(password, AccountKind.Staff, Clean(username));

    /// <summary>A role code of a staff account, or the problem with it.</summary>
    public static string? RoleProblem(string? role) =>
        role is not null && Roles.Staff.Contains(role) ? null : $"“{TextRules.Prefix(role ?? "", 32)}”不是工作人员的角色。";

    /// <summary><c>section</c>, <c>organisation</c>, <c>region</c> or <c>all</c> (any case); absent means organisation.</summary>
    public static DataScope? ParseScope(string? scope) =>
        Clean(scope) is not { } s ? DataScope.Organisation
        : Enum.TryParse<DataScope>(s, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !s.Any(char.IsDigit) ? parsed : null;

    public static string ScopeName(DataScope scope) => scope.ToString().ToLowerInvariant();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex UsernamePattern();

    [GeneratedRegex(@"^[A-Za-z0-9-]+$")]
    private static partial Regex StaffNumberPattern();

    [GeneratedRegex(@"^[0-9][0-9-]{5,18}[0-9]$")]
    private static partial Regex PhonePattern();
}
