namespace OneSeal.Cases;

/// <summary>办件状态. The path: draft → submitted → accepted | correction requested | refused → reviewed → decided → certificate issued → delivered.</summary>
public enum CaseStatus
{
    /// <summary>草稿: the applicant is still filling it in.</summary>
    Draft,
    /// <summary>已提交，待受理.</summary>
    Submitted,
    /// <summary>补正: one notice listed every missing material (Art. 32).</summary>
    CorrectionRequested,
    /// <summary>不予受理.</summary>
    Refused,
    /// <summary>已受理: the working-day clock runs.</summary>
    Accepted,
    /// <summary>已审查: opinion and recommendation recorded.</summary>
    Reviewed,
    /// <summary>期限中止: hearing, inspection, appraisal, expert review ... (Art. 45); the clock is stopped.</summary>
    Suspended,
    /// <summary>申请人撤回.</summary>
    Withdrawn,
    /// <summary>终止审查.</summary>
    Terminated,
    /// <summary>不予许可.</summary>
    Denied,
    /// <summary>准予许可，证照已签发.</summary>
    CertificateIssued,
    /// <summary>已送达.</summary>
    Delivered,
    /// <summary>已撤销许可 (Art. 69): the bureau revoked its approval, e.g. after a 告知承诺 verification found the declaration untrue.</summary>
    Revoked,
}

public enum CaseChannel { Online, Window }
