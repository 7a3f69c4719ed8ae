namespace OneSeal.Notices;

/// <summary>The written notices (法律文书) a case produces under the Administrative Licensing Law.</summary>
public enum NoticeKind
{
    /// <summary>受理通知书 (Art. 32: in writing, with the seal and the date).</summary>
    Acceptance,
    /// <summary>补正材料通知书 (Art. 32(1)(4): one notice listing everything to correct).</summary>
    CorrectionRequest,
    /// <summary>不予受理决定书 (Art. 32: reasons; rights of reconsideration and litigation).</summary>
    Refusal,
    /// <summary>中止审查（期限中止）告知书 (Art. 45: time not counted, told in writing).</summary>
    Suspension,
    /// <summary>恢复审查通知.</summary>
    Resumption,
    /// <summary>延长审批期限告知书 (Art. 42: +10 working days with the head's approval; joint handling +15).</summary>
    Extension,
    /// <summary>准予行政许可决定书 (Art. 38(1); certificate within 10 working days, Art. 44).</summary>
    Approval,
    /// <summary>不予行政许可决定书 (Art. 38(2): reasons; rights of reconsideration and litigation).</summary>
    Denial,
    /// <summary>送达回证: mode, date, recipient, tracking number.</summary>
    DeliveryReceipt,
    /// <summary>撤回申请确认书.</summary>
    Withdrawal,
    /// <summary>终止审查决定书.</summary>
    Termination,
    /// <summary>缴款通知书 (issue 11, 集中收费): the fee of an approved item, its basis and the non-tax payment code.</summary>
    FeeNotice,
    /// <summary>撤销行政许可决定书 (issue 13; Art. 69: reasons; rights of reconsideration and litigation).</summary>
    Revocation,
}

public enum NoticeStatus
{
    /// <summary>Numbered and recorded; the PDF is being produced (outbox topic <c>notice.render</c>).</summary>
    Pending,
    /// <summary>PDF stored and signed under the issuer's seal.</summary>
    Issued,
    /// <summary>The PDF could not be produced after every retry; see <c>failure_reason</c> and the outbox dead letter.</summary>
    Failed,
}

/// <summary>Titles and number words of each kind.</summary>
public static class NoticeKinds
{
    public static readonly IReadOnlyList<NoticeKind> All = Enum.GetValues<NoticeKind>();

    /// <summary>The document's title as printed.</summary>
    public static string Title(NoticeKind kind) => kind switch
    {
        NoticeKind.Acceptance => "受理通知书",
        NoticeKind.CorrectionRequest => "补正材料通知书",
        NoticeKind.Refusal => "不予受理决定书",
        NoticeKind.Suspension => "中止审查（期限中止）告知书",
        NoticeKind.Resumption => "恢复审查通知",
        NoticeKind.Extension => "延长审批期限告知书",
        NoticeKind.Approval => "准予行政许可决定书",
        NoticeKind.Denial => "不予行政许可决定书",
        NoticeKind.DeliveryReceipt => "送达回证",
        NoticeKind.Withdrawal => "撤回申请确认书",
        NoticeKind.Termination => "终止审查决定书",
        NoticeKind.FeeNotice => "缴款通知书",
        NoticeKind.Revocation => "撤销行政许可决定书",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The word of the document number (文号): 青审<b>受</b>字〔2026〕第000012号.</summary>
    public static string NumberWord(NoticeKind kind) => kind switch
    {
        NoticeKind.Acceptance => "受",
        NoticeKind.CorrectionRequest => "补",
        NoticeKind.Refusal => "不受",
        NoticeKind.Suspension => "中",
        NoticeKind.Resumption => "恢",
        NoticeKind.Extension => "延",
        NoticeKind.Approval => "准",
        NoticeKind.Denial => "不准",
        NoticeKind.DeliveryReceipt => "送",
        NoticeKind.Withdrawal => "撤",
        NoticeKind.Termination => "终",
        NoticeKind.FeeNotice => "缴",
        NoticeKind.Revocation => "撤许",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Decisions the applicant may challenge: they carry the rights of 行政复议 (60 days) and 行政诉讼 (6 months).</summary>
    public static bool GivesAppealRights(NoticeKind kind) => kind is NoticeKind.Refusal or NoticeKind.Denial or NoticeKind.Termination or NoticeKind.Revocation;

    /// <summary>Documents addressed to the applicant (all but the delivery receipt, which records the delivery itself).</summary>
    public static bool HasAddressee(NoticeKind kind) => kind != NoticeKind.DeliveryReceipt;
}
