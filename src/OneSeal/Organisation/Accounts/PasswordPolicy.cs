using OneSeal.Platform.Security;

namespace OneSeal.Organisation.Accounts;

/// <summary>
/// What a new password must be (MLPS 2.0 level 3 asks for complexity and no guessable passwords): staff 12 characters or
/// more, applicants 8 or more; never one of the commonly used passwords, a run of one character or a keyboard/number
/// sequence, and never the sign-in name. Every place that sets a password asks here, <c>--create-admin</c> included.
/// </summary>
public static class PasswordPolicy
{
    public const int StaffMinimum = 12;
    public const int ApplicantMinimum = 8;
    public const int Maximum = 128;

    /// <summary>
    /// Passwords that top the published leak statistics year after year (e.g. the lists in NIST SP 800-63B's guidance
    /// and the CSDN leak analyses), lower-cased; a password that is one of them, or one of them with digits or
    /// punctuation appended, is refused.
    /// </summary>
    private static readonly HashSet<string> Common = new(StringComparer.Ordinal)
    {
        "password", "passw0rd", "p@ssw0rd", "p@ssword", "admin", "administrator", "root", "qwerty", "qwertyuiop",
        "asdfghjkl", "zxcvbnm", "1qaz2wsx", "1q2w3e4r", "1q2w3e4r5t", "qazwsx", "abc123", "abcd1234", "iloveyou",
        "woaini", "woaini1314", "5201314", "1314520", "aini1314", "letmein", "welcome", "monkey", "dragon", "football",
        "baseball", "superman", "sunshine", "princess", "master", "shadow", "trustno1", "changeme", "default", "test",
        "guest", "zhangsan", "lisi", "wangwu", "china", "beijing", "shanghai", "gov", "zhengwu", "shenpi",
    };

    /// <summary>The problem with <paramref name="password"/> in Chinese, or null when it may be used.</summary>
    public static string? Problem(string? password, AccountKind kind, string? username = null)
    {
        if (string.IsNullOrEmpty(password)) return "请输入密码。";
        var minimum = kind == AccountKind.Staff ? StaffMinimum : ApplicantMinimum;
        if (password.Length < minimum) return $"密码至少 {minimum} 个字符。";
        if (password.Length > Maximum) return $"密码不能超过 {Maximum} 个字符。";
        if (password.Any(char.IsControl)) return "密码不能包含控制字符。";
        var lower = password.ToLowerInvariant();
        if (Common.Contains(lower.TrimEnd("0123456789!@#$%^&*.-_+=?~ ".ToCharArray())) || Common.Contains(lower))
            return "该密码过于常见，容易被猜中，请换一个。";
        if (lower.Distinct().Count() <= 2 || IsSequence(lower)) return "密码不能是同一字符的重复或连续的字符序列。";
        if (!string.IsNullOrWhiteSpace(username) && lower.Contains(username.Trim().ToLowerInvariant(), StringComparison.Ordinal))
            return "密码不能包含登录名。";
        if (kind == AccountKind.Staff && Classes(password) < 3)
            return "工作人员密码须包含大写字母、小写字母、数字和符号中的至少三类。";
        return null;
    }

    private static bool IsSequence(string s)
    {
        int up = 0, down = 0;
        for (var i = 1; i < s.Length; i++)
        {
            if (s[i] == s[i - 1] + 1) up++;
            if (s[i] == s[i - 1] - 1) down++;
        }
        return up >= s.Length - 1 || down >= s.Length - 1;
    }

    private static int Classes(string s) =>
        (s.Any(char.IsUpper) ? 1 : 0) + (s.Any(char.IsLower) ? 1 : 0) + (s.Any(char.IsDigit) ? 1 : 0) + (s.Any(c => !char.IsLetterOrDigit(c)) ? 1 : 0);
}
