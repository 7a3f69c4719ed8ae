using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneSeal.Cases;

/// <summary>One line of a case's timeline (办理过程): who did what, when, with what note.</summary>
public sealed class CaseEvent
{
    public long Id { get; set; }
    public Guid CaseId { get; set; }
    public DateTimeOffset At { get; set; }
    public Guid? ActorId { get; set; }
    public required string ActorName { get; set; }
    /// <summary>Machine name of the action (created, submitted, accepted, ...); see <see cref="CaseActions"/>.</summary>
    public required string Action { get; set; }
    public string? Note { get; set; }
    public CaseStatus? FromStatus { get; set; }
    public CaseStatus ToStatus { get; set; }
}

internal sealed class CaseEventConfiguration : IEntityTypeConfiguration<CaseEvent>
{
    public void Configure(EntityTypeBuilder<CaseEvent> b)
    {
        b.ToTable("case_events");
        b.Property(x => x.ActorName).HasMaxLength(128);
        b.Property(x => x.Action).HasMaxLength(32);
        b.Property(x => x.Note).HasMaxLength(4000);
        b.Property(x => x.FromStatus).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.ToStatus).HasConversion<string>().HasMaxLength(24);
        b.HasIndex(x => new { x.CaseId, x.Id });
    }
}

/// <summary>Timeline action names and their Chinese labels.</summary>
public static class CaseActions
{
    public const string Created = "created";
    public const string MaterialUploaded = "material-uploaded";
    public const string Submitted = "submitted";
    public const string Resubmitted = "resubmitted";
    public const string Accepted = "accepted";
    public const string CorrectionRequested = "correction-requested";
    public const string Refused = "refused";
    public const string Reviewed = "reviewed";
    public const string Approved = "approved";
    public const string Denied = "denied";
    public const string CertificateIssued = "certificate-issued";
    public const string Delivered = "delivered";
    public const string DeemedAccepted = "deemed-accepted";
    public const string Suspended = "suspended";
    public const string Resumed = "resumed";
    public const string Extended = "extended";
    public const string Withdrawn = "withdrawn";
    public const string Terminated = "terminated";
    public const string Rescheduled = "rescheduled";
    public const string Committed = "committed";
    public const string ToleranceFulfilled = "tolerance-fulfilled";
    public const string ToleranceOverdue = "tolerance-overdue";
    public const string VerificationOpened = "verification-opened";
    public const string DeemedApproved = "deemed-approved";
    public const string YellowWarning = "yellow-warning";
    public const string RedWarning = "red-warning";
    // issue 11 — the window chief's powers (Hall/Chief)
    public const string PreReviewed = "pre-reviewed";
    public const string JointReviewRequested = "joint-review-requested";
    public const string JointReviewAnswered = "joint-review-answered";
    public const string Reassigned = "reassigned";
    // issue 11 gaps — fees on the timeline (Counter/Fees)
    public const string FeePaid = "fee-paid";
    public const string FeeRefunded = "fee-refunded";
    public const string FeeRelieved = "fee-relieved";
    // issue 13 — supervision (审管互动): pushes to the supervising department, its verification, revocation
    public const string SupervisionPushed = "supervision-pushed";
    public const string VerificationFoundUntrue = "verification-untrue";
    public const string VerificationConfirmed = "verification-confirmed";
    public const string Revoked = "revoked";

    public static string Label(string action) => action switch
    {
        Created => "创建申请",
        MaterialUploaded => "上传材料",
        Submitted => "提交申请",
        Resubmitted => "补正后重新提交",
        Accepted => "受理",
        CorrectionRequested => "一次性告知补正",
        Refused => "不予受理",
        Reviewed => "审查",
        Approved => "准予许可",
        Denied => "不予许可",
        CertificateIssued => "签发证照",
        Delivered => "送达",
        DeemedAccepted => "视为受理（5个工作日内未答复）",
        Suspended => "期限中止",
        Resumed => "恢复审查",
        Extended => "延长审批期限",
        Withdrawn => "申请人撤回",
        Terminated => "终止审查",
        Rescheduled => "节假日调整，重新计算期限",
        Committed => "签署承诺书",
        ToleranceFulfilled => "容缺材料补齐",
        ToleranceOverdue => "容缺材料逾期未补",
        VerificationOpened => "生成告知承诺核查任务",
        DeemedApproved => "超时默认准予",
        YellowWarning => "黄牌预警",
        RedWarning => "红牌：已超期",
        // issue 11 — the window chief's powers
        PreReviewed => "预审意见（一次性告知修改）",
        JointReviewRequested => "发起联审会签",
        JointReviewAnswered => "部门会签意见",
        Reassigned => "改派",
        // issue 11 gaps — fees
        FeePaid => "已缴费",
        FeeRefunded => "已退费",
        FeeRelieved => "收费减免（执行优惠政策）",
        // issue 13 — supervision
        SupervisionPushed => "推送监管部门",
        VerificationFoundUntrue => "告知承诺核查不属实",
        VerificationConfirmed => "告知承诺核查属实",
        Revoked => "撤销行政许可",
        _ => action,
    };
}
