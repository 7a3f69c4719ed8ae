using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Organisation;
using OneSeal.Platform.Audit;
using OneSeal.Resources;

namespace OneSeal.Pages.Admin;

/// <summary>
/// 审计记录核验: the last verifications of the audit trail (result, time, entries checked, first broken entry) and a button
/// to verify now. Monitoring officers and administrators until the administration issue adds an auditor role.
/// </summary>
[Authorize(Roles = Roles.Monitor + "," + Roles.Admin)]
public sealed class AuditModel(AuditCheck check, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    public IReadOnlyList<AuditVerificationRun> Runs { get; private set; } = [];

    public AuditVerificationRun? Last => Runs.Count > 0 ? Runs[0] : null;

    public async Task OnGetAsync(CancellationToken ct) => Runs = await check.RecentAsync(10, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var run = await check.RunAsync(AuditVerificationRun.FromPage, Me, ct);
        Notify(run.Intact ? T["核验完成：审计记录完整，未发现篡改。"].Value : T["核验完成：发现异常，请查看下方说明。"].Value);
        return RedirectToPage();
    }

    /// <summary>The finding in the reader's language (Chinese unless English was chosen).</summary>
    public static string? ProblemOf(AuditVerificationRun run) =>
        System.Globalization.CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal) ? run.ProblemZh : run.Problem;

    public string SourceLabel(AuditVerificationRun run) =>
        run.Source == AuditVerificationRun.FromCommandLine ? T["命令行"].Value : T["页面"].Value;
}
