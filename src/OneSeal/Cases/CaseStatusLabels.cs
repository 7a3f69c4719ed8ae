namespace OneSeal.Cases;

public static class CaseStatusLabels
{
    public static string Of(CaseStatus s) => s switch
    {
        CaseStatus.Draft => "草稿",
        CaseStatus.Submitted => "待受理",
        CaseStatus.CorrectionRequested => "待补正",
        CaseStatus.Refused => "不予受理",
        CaseStatus.Accepted => "已受理，审查中",
        CaseStatus.Reviewed => "已审查，待决定",
        CaseStatus.Suspended => "期限中止",
        CaseStatus.Withdrawn => "已撤回",
        CaseStatus.Terminated => "已终止",
        CaseStatus.Denied => "不予许可",
        CaseStatus.CertificateIssued => "准予许可，证照已签发",
        CaseStatus.Delivered => "已送达",
        CaseStatus.Revoked => "已撤销许可",
        _ => s.ToString(),
    };

    /// <summary>Statuses on the working-day clock: accepted and not yet decided.</summary>
    public static readonly CaseStatus[] Running = [CaseStatus.Accepted, CaseStatus.Reviewed, CaseStatus.Suspended];

    /// <summary>API spelling: lower-kebab, stable.</summary>
    public static string Api(CaseStatus s) => s switch
    {
        CaseStatus.CorrectionRequested => "correction-requested",
        CaseStatus.CertificateIssued => "certificate-issued",
        _ => s.ToString().ToLowerInvariant(),
    };
}
