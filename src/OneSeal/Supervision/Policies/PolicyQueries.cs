using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Storage;
using OneSeal.Platform.Time;

namespace OneSeal.Supervision.Policies;

/// <summary>
/// Who sees which documents: department staff their own department's, section chiefs (who sign for the bureau) all of
/// them; anyone else none. Overdue = not signed for after its due day.
/// </summary>
public sealed class PolicyQueries(OneSealDb db, IFileStore files, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> States = ["pending", "overdue", "acknowledged"];

    public async Task<IReadOnlyList<PolicyView>> ListAsync(Actor actor, string? state, CancellationToken ct)
    {
        var s = state?.Trim();
        if (!string.IsNullOrEmpty(s) && !States.Contains(s))
            throw new InvalidInputException("state", "one-of", "state 应为 pending（待签收）、overdue（逾期未签收）或 acknowledged（已签收）。");
        var today = LegalDates.Today(clock);
        var q = Visible(actor);
        q = s switch
        {
            "pending" => q.Where(p => p.AcknowledgedAt == null && p.AckDueOn >= today),
            "overdue" => q.Where(p => p.AcknowledgedAt == null && p.AckDueOn < today),
            "acknowledged" => q.Where(p => p.AcknowledgedAt != null),
            _ => q,
        };
        var rows = await q.OrderBy(p => p.AcknowledgedAt != null).ThenBy(p => p.AckDueOn).ThenByDescending(p => p.PublishedAt).Take(500).ToListAsync(ct);
        return await ViewsAsync(rows, today, ct);
    }

    public async Task<PolicyView> GetAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var row = await Visible(actor).FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("没有该政策文件。");
        return (await ViewsAsync([row], LegalDates.Today(clock), ct))[0];
    }

    /// <summary>An attachment the actor may read, opened from the file store.</summary>
    public async Task<(PolicyAttachment File, Stream Content)> AttachmentAsync(Actor actor, Guid id, Guid attachmentId, CancellationToken ct)
    {
        var policy = await Visible(actor).AnyAsync(p => p.Id == id, ct);
        var file = policy ? await db.Set<PolicyAttachment>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId && a.PolicyId == id, ct) : null;
        if (file is null) throw new NotFoundException("没有该附件。");
        return (file, files.OpenRead(file.StorageKey));
    }

    private IQueryable<PolicyDocument> Visible(Actor actor)
    {
        var all = db.Set<PolicyDocument>().AsNoTracking();
        if (actor.Has(Roles.Chief)) return all;
        if (actor.Has(Roles.DepartmentStaff) && actor.WorkUnitId is { } unit) return all.Where(p => p.DepartmentId == unit);
        throw new ForbiddenException("policy-read", "只有行政主管部门工作人员和科长（首席代表）可以查看政策文件。");
    }

    private async Task<IReadOnlyList<PolicyView>> ViewsAsync(List<PolicyDocument> rows, DateOnly today, CancellationToken ct)
    {
        var ids = rows.Select(r => r.Id).ToList();
        var departments = rows.Select(r => r.DepartmentId).Distinct().ToList();
        var names = await db.Set<Agency>().AsNoTracking().Where(a => departments.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var items = (await db.Set<PolicyItem>().AsNoTracking().Where(i => ids.Contains(i.PolicyId)).ToListAsync(ct)).ToLookup(i => i.PolicyId);
        var attachments = (await db.Set<PolicyAttachment>().AsNoTracking().Where(a => ids.Contains(a.PolicyId)).ToListAsync(ct)).ToLookup(a => a.PolicyId);
        return rows.Select(p => new PolicyView(p.Id, p.Title, p.DocumentNumber, p.IssuedOn, p.Summary, names.GetValueOrDefault(p.DepartmentId, ""),
            p.PublishedAt, p.PublishedByName, p.AckDueOn, StateOf(p, today), p.AcknowledgedAt, p.AcknowledgedByName,
            items[p.Id].Select(i => i.ItemCode).Order(StringComparer.Ordinal).ToList(),
            attachments[p.Id].OrderBy(a => a.FileName, StringComparer.Ordinal).Select(a => new PolicyAttachmentView(a.Id, a.FileName, a.SizeBytes)).ToList()))
            .ToList();
    }

    public static string StateOf(PolicyDocument p, DateOnly today) =>
        p.AcknowledgedAt is not null ? "acknowledged" : p.AckDueOn < today ? "overdue" : "pending";
}
