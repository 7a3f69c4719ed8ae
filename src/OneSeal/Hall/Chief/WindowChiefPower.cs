using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneSeal.Organisation;

namespace OneSeal.Hall.Chief;

/// <summary>
/// The window chief's five powers (首席代表 / 窗口负责人的五项权力, seed 003). Each is granted to a window chief by the security
/// administrator; holding the role <c>window-chief</c> alone grants none of them.
/// </summary>
public static class WindowChiefPower
{
    /// <summary>即办件当场决定: approve or deny an accepted immediate item at the window, in the same visit.</summary>
    public const string DecideImmediate = "decide-immediate";
    /// <summary>预审: one written list of what to fix on a draft online application, before it is submitted.</summary>
    public const string PreReview = "pre-review";
    /// <summary>联审会签: ask departments for an opinion by a deadline.</summary>
    public const string JointReview = "joint-review";
    /// <summary>改派: hand a case to other staff of the handling organisation.</summary>
    public const string Reassign = "reassign";
    /// <summary>
    /// 收费事项的执行权 (seed 003: “执行市政府招商引资的相关优惠政策”): reduce or waive an unpaid fee under a preferential
    /// policy (Counter/Fees/FeeRelief). The fee window's own work (payments, refunds) is the fee clerk's role, not this grant.
    /// </summary>
    public const string EnforceFees = "enforce-fees";

    public static readonly IReadOnlyList<string> All = [DecideImmediate, PreReview, JointReview, Reassign, EnforceFees];

    public static string Label(string power) => power switch
    {
        DecideImmediate => "即办件当场决定",
        PreReview => "预审",
        JointReview => "联审会签",
        Reassign => "改派",
        EnforceFees => "收费事项执行权",
        _ => power,
    };
}

/// <summary>One power granted to one account (<see cref="WindowChiefPower"/>).</summary>
public sealed class WindowChiefGrant
{
    public Guid AccountId { get; set; }
    public required string Power { get; set; }
    public DateTimeOffset GrantedAt { get; set; }
    public Guid GrantedById { get; set; }
}

internal sealed class WindowChiefGrantConfiguration : IEntityTypeConfiguration<WindowChiefGrant>
{
    public void Configure(EntityTypeBuilder<WindowChiefGrant> b)
    {
        b.ToTable("window_chief_grants");
        b.HasKey(x => new { x.AccountId, x.Power });
        b.Property(x => x.Power).HasMaxLength(32);
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
