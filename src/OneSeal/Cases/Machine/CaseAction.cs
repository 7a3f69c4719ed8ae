namespace OneSeal.Cases.Machine;

/// <summary>What can be done to a case: every row of <see cref="CaseMachine"/> names one.</summary>
public enum CaseAction
{
    UploadMaterial,
    SignCommitment,
    Submit,
    Accept,
    DeemAccept,
    RequestCorrection,
    Refuse,
    Review,
    Approve,
    Deny,
    DeemApprove,
    Suspend,
    Resume,
    Extend,
    Withdraw,
    Terminate,
    TerminateForTolerance,
    /// <summary>撤销行政许可 (issue 13): the chief revokes an approval; the certificate is revoked with it.</summary>
    Revoke,
    Deliver,
    DeliverOnDownload,
    // issue 11 — the window chief's powers (Hall/Chief)
    ApproveAtWindow,
    DenyAtWindow,
    PreReview,
    JointReview,
    Reassign,
}

/// <summary>Who takes an action: the case's own applicant, the handling organisation's staff in a role, or the product by rule.</summary>
public enum Party { Applicant, Staff, System }

public static class CaseActionLabels
{
    public static string Of(CaseAction a) => a switch
    {
        CaseAction.UploadMaterial => "上传材料",
        CaseAction.SignCommitment => "签署承诺书",
        CaseAction.Submit => "提交申请",
        CaseAction.Accept => "受理",
        CaseAction.DeemAccept => "视为受理",
        CaseAction.RequestCorrection => "一次性告知补正",
        CaseAction.Refuse => "不予受理",
        CaseAction.Review => "审查",
        CaseAction.Approve => "准予许可",
        CaseAction.Deny => "不予许可",
        CaseAction.DeemApprove => "超时默认准予",
        CaseAction.Suspend => "期限中止",
        CaseAction.Resume => "恢复审查",
        CaseAction.Extend => "延长审批期限",
        CaseAction.Withdraw => "撤回申请",
        CaseAction.Terminate => "终止审查",
        CaseAction.TerminateForTolerance => "容缺材料逾期未补，终止审查",
        CaseAction.Revoke => "撤销行政许可",
        CaseAction.Deliver => "送达",
        CaseAction.DeliverOnDownload => "电子送达（下载证照）",
        // issue 11 — the window chief's powers
        CaseAction.ApproveAtWindow => "窗口当场准予许可",
        CaseAction.DenyAtWindow => "窗口当场不予许可",
        CaseAction.PreReview => "预审",
        CaseAction.JointReview => "发起联审会签",
        CaseAction.Reassign => "改派",
        _ => a.ToString(),
    };

    /// <summary>API spelling (lower-kebab, stable), as in <c>availableActions</c>.</summary>
    public static string Api(CaseAction a) => string.Concat(a.ToString().Select((ch, i) =>
        char.IsUpper(ch) ? (i == 0 ? "" : "-") + char.ToLowerInvariant(ch) : ch.ToString()));
}
