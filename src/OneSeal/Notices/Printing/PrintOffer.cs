using System.Text.Json;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace OneSeal.Notices.Printing;

/// <summary>
/// The notice an act at the window just issued, offered on the page the clerk lands on (post/redirect/get keeps it in
/// TempData): one key press opens its print view with the print dialog.
/// </summary>
public sealed record PrintOffer(Guid NoticeId, string Title, string Number)
{
    public const string Key = "print-notice";

    public string Href => $"/hall/notices/{NoticeId}/print?auto=1";

    public static void Keep(ITempDataDictionary tempData, CaseNotice? notice)
    {
        if (notice is not null) tempData[Key] = JsonSerializer.Serialize(new PrintOffer(notice.Id, notice.Title, notice.Number));
    }

    public static PrintOffer? Take(ITempDataDictionary tempData) =>
        tempData[Key] is string json ? JsonSerializer.Deserialize<PrintOffer>(json) : null;
}
