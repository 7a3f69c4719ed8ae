using Microsoft.Extensions.Localization;

namespace OneSeal.Pages;

/// <summary>
/// The same Chinese word can need different English by context: 不予受理 is a button ("Refuse") and a status
/// ("Not accepted"). <c>T.In("status", "不予受理")</c> looks up <c>status|不予受理</c> first, then the plain text;
/// in Chinese neither exists, so the Chinese text is shown as is.
/// </summary>
public static class UiText
{
    public static string In(this IStringLocalizer t, string context, string zh)
    {
        var specific = t[context + "|" + zh];
        return specific.ResourceNotFound ? t[zh].Value : specific.Value;
    }
}
