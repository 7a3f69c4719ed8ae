using Microsoft.Extensions.Localization;
using Microsoft.AspNetCore.Mvc;
using OneSeal.Catalog;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Resources;

namespace OneSeal.Pages.Items;

/// <summary>
/// 办事指南: every element of the version in force (or of <c>?version=N</c>, under a banner saying it is not the one in
/// force), which version it is and since when, its materials, and the way to apply online.
/// </summary>
public sealed class GuideModel(CatalogQueries catalog, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    public CatalogQueries.ItemGuide? Guide { get; private set; }

    /// <summary>Where "在线申请" goes: the application form, or the login page coming back to it.</summary>
    public string ApplyUrl { get; private set; } = "";

    public bool SignedIn { get; private set; }
    public bool IsApplicant { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, int? version, CancellationToken ct)
    {
        try
        {
            Guide = await catalog.GuideAsync(code, ct, version);
        }
        catch (NotFoundException e)
        {
            return NotFoundPage(e.Message);
        }
        var apply = "/apply/" + Uri.EscapeDataString(Guide.Item.Code);
        var actor = Actor.From(User);
        SignedIn = actor is not null;
        IsApplicant = actor?.Has(Organisation.Roles.Applicant) == true;
        ApplyUrl = SignedIn ? apply : "/account/login?returnUrl=" + Uri.EscapeDataString(apply);
        return Page();
    }

    /// <summary>A link to this version's printable guide or blank form (with <c>?version=N</c> unless it is the one in force).</summary>
    public string VersionLink(string path) => Guide is { IsInForce: false } g ? $"{path}?version={g.Item.Version}" : path;
}
