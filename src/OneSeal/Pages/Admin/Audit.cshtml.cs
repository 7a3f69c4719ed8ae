using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Organisation;
using OneSeal.Organisation.Auditing;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Http;
using OneSeal.Resources;

namespace OneSeal.Pages.Admin;

/// <summary>
/// 审计记录: the audit administrator searches the trail (actor, case number or object, action, dates), reads it a page at a
/// time, verifies the chain and sees the last verifications. Nobody else opens it (三员分立: not even the system administrator).
/// </summary>
[Authorize(Roles = Roles.AuditAdmin)]
public sealed class AuditModel(AuditCheck check, AuditSearch search, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    [BindProperty(SupportsGet = true)] public string? Actor { get; set; }
    [BindProperty(SupportsGet = true)] public string? Entity { get; set; }
    [BindProperty(SupportsGet = true, Name = "action")] public string? ActionCode { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }

    public IReadOnlyList<AuditVerificationRun> Runs { get; private set; } = [];
    public AuditResults? Results { get; private set; }

    public AuditVerificationRun? Last => Runs.Count > 0 ? Runs[0] : null;

    public async Task OnGetAsync(CancellationToken ct)
    {
        ClearErrors();
        Runs = await check.RecentAsync(10, ct);
        try
        {
            Results = await search.SearchAsync(new AuditQuery(Actor, Entity, ActionCode, From, To, PageNumber), Me, ct);
        }
        catch (InvalidInputException e)
        {
            AddDomainError(e);
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        AuditSearch.Require(Me);
        var run = await check.RunAsync(AuditVerificationRun.FromPage, Me, ct);
        Notify(run.Intact ? T["核验完成：审计记录完整，未发现篡改。"].Value : T["核验完成：发现异常，请查看下方说明。"].Value);
        return RedirectToPage();
    }

    /// <summary>The query string of another page of the same search.</summary>
    public Dictionary<string, string?> RouteFor(int page) => new()
    {
        ["actor"] = Actor, ["entity"] = Entity, ["action"] = ActionCode, ["from"] = From, ["to"] = To, ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The finding in the reader's language (Chinese unless English was chosen).</summary>
    public static string? ProblemOf(AuditVerificationRun run) =>
        System.Globalization.CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal) ? run.ProblemZh : run.Problem;

    public string SourceLabel(AuditVerificationRun run) => run.Source switch
    {
        AuditVerificationRun.FromCommandLine => T["命令行"].Value,
        AuditVerificationRun.FromApi => T["接口"].Value,
        _ => T["页面"].Value,
    };
}
