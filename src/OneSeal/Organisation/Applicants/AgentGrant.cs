using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneSeal.Organisation.Applicants;

/// <summary>
/// 经办人授权: an enterprise account's holder lets a registered citizen act for the enterprise until <see cref="EndsOn"/>
/// (inclusive, Beijing date) unless revoked earlier. Kept after it ends, as the record of who could act when.
/// </summary>
public sealed class AgentGrant
{
    public Guid Id { get; set; }
    public Guid EnterpriseAccountId { get; set; }
    public Guid AgentAccountId { get; set; }
    public DateOnly EndsOn { get; set; }
    public DateTimeOffset GrantedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    public bool IsActive(DateOnly today) => RevokedAt is null && EndsOn >= today;

    /// <summary><see cref="IsActive"/> as a query filter: the one rule the agents' list and case filing both use.</summary>
    public static Expression<Func<AgentGrant, bool>> ActiveOn(DateOnly today) => g => g.RevokedAt == null && g.EndsOn >= today;
}

internal sealed class AgentGrantConfiguration : IEntityTypeConfiguration<AgentGrant>
{
    public void Configure(EntityTypeBuilder<AgentGrant> b)
    {
        b.ToTable("agent_grants");
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.EnterpriseAccountId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.AgentAccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
