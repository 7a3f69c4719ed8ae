using System.Text.RegularExpressions;

namespace OneSeal.Organisation.Applicants;

/// <summary>
/// A chosen sign-in name: starts with a letter, so it can never be mistaken for (or squat) someone's phone number, which
/// is the default sign-in name.
/// </summary>
public static partial class Usernames
{
    public static bool IsValid(string name) => Pattern().IsMatch(name);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_.-]{3,31}$")]
    private static partial Regex Pattern();
}
