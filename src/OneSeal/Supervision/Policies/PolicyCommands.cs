using Microsoft.EntityFrameworkCore;
using OneSeal.Calendar;
using OneSeal.Catalog.Reviews;
using OneSeal.Organisation;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Storage;
using OneSeal.Platform.Time;

namespace OneSeal.Supervision.Policies;

/// <summary>
/// Policy pushed the other way (issue 13 §2): a department's staff publish a document to the bureau; a section chief
/// (科长, who signs for the bureau on the office workbench) signs for it within <c>Supervision:PolicyAckWorkingDays</c>
/// working days (default 3). Publishing flags the items it touches 待复核 in the catalog, in the same transaction.
/// </summary>
public sealed class PolicyCommands(OneSealDb db, IFileStore files, ItemReviews reviews, IWorkingDayCalendar calendar,
    IConfiguration config, TimeProvider clock)
{
    public const string Folder = "policies";

    public int AckWorkingDays => Math.Clamp(config.GetValue("Supervision:PolicyAckWorkingDays", 3), 1, 60);

    public async Task<PolicyCreated> PublishAsync(Actor actor, PolicyInput? input, IReadOnlyList<PolicyUpload> uploads, CancellationToken ct)
    {
        var department = await PublishingDepartmentAsync(actor, ct);
        var today = LegalDates.Today(clock);
        var ok = PolicyRules.Check(input, today);
        if (uploads.Count > PolicyRules.MaxAttachments)
            throw new InvalidInputException("attachments", "too-many", $"附件不能超过{PolicyRules.MaxAttachments}个。");
        var checkedFiles = uploads.Select(u => (Upload: u, Meta: PolicyRules.CheckFile(u))).ToList();

        // Files first, outside the transaction: a transaction that then fails leaves them to the orphan sweep (PolicyFiles).
        var stored = new List<PolicyAttachment>();
        var id = Guid.NewGuid();
        foreach (var (upload, meta) in checkedFiles)
        {
            await using var stream = upload.Open();
            var file = await files.SaveAsync(Folder, stream, ct);
            stored.Add(new PolicyAttachment
            {
                Id = Guid.NewGuid(), PolicyId = id, FileName = meta.Name, ContentType = meta.ContentType, SizeBytes = file.SizeBytes,
                Sha256 = file.Sha256, StorageKey = file.Key,
            });
        }

        return await db.InTransactionAsync(async () =>
        {
            if (await db.Set<PolicyDocument>().AnyAsync(p => p.DepartmentId == department.Id && p.DocumentNumber == ok.Number, ct))
                throw new ConflictException("duplicate-number", $"本部门已发布文号为“{ok.Number}”的文件。");
            var now = Instants.Now(clock);
            var due = calendar.AddWorkingDays(today, AckWorkingDays);
            db.Add(new PolicyDocument
            {
                Id = id, DepartmentId = department.Id, Title = ok.Title, DocumentNumber = ok.Number, IssuedOn = ok.IssuedOn, Summary = ok.Summary,
                PublishedBy = actor.Id, PublishedByName = TextRules.Prefix(actor.DisplayName.Length > 0 ? actor.DisplayName : actor.Username, 100),
                PublishedAt = now, AckDueOn = due,
            });
            foreach (var code in ok.ItemCodes) db.Add(new PolicyItem { PolicyId = id, ItemCode = code });
            db.AddRange(stored);
            await reviews.RaiseAsync(ok.ItemCodes, "itemCodes", ItemReviews.PolicySource, id, $"{department.Name}《{ok.Title}》（{ok.Number}）", now, ct);
            db.Audit(actor, "policy.publish", "policy", id.ToString(),
                $"{ok.Number}《{ok.Title}》，涉及事项 {ok.ItemCodes.Count} 项，附件 {stored.Count} 个，{due:yyyy-MM-dd} 前签收", now);
            await db.CommitAsync(ct);
            return new PolicyCreated(id, due);
        }, ct);
    }

    /// <summary>One more attachment to a document of the actor's own department (the API's second step after the JSON publish).</summary>
    public async Task<PolicyAttachmentView> AttachAsync(Actor actor, Guid id, PolicyUpload upload, CancellationToken ct)
    {
        var department = await PublishingDepartmentAsync(actor, ct);
        var (name, type) = PolicyRules.CheckFile(upload);
        if (!await db.Set<PolicyDocument>().AnyAsync(p => p.Id == id && p.DepartmentId == department.Id, ct)) throw new NotFoundException("没有该政策文件。");
        StoredFile file;
        await using (var stream = upload.Open()) file = await files.SaveAsync(Folder, stream, ct);
        return await db.InTransactionAsync(async () =>
        {
            if (await db.Set<PolicyAttachment>().CountAsync(a => a.PolicyId == id, ct) >= PolicyRules.MaxAttachments)
                throw new ConflictException("too-many-attachments", $"附件不能超过{PolicyRules.MaxAttachments}个。");
            var attachment = new PolicyAttachment
            {
                Id = Guid.NewGuid(), PolicyId = id, FileName = name, ContentType = type, SizeBytes = file.SizeBytes, Sha256 = file.Sha256, StorageKey = file.Key,
            };
            db.Add(attachment);
            db.Audit(actor, "policy.attach", "policy", id.ToString(), $"附件 {name}（{file.SizeBytes} 字节）", Instants.Now(clock));
            await db.CommitAsync(ct);
            return new PolicyAttachmentView(attachment.Id, name, file.SizeBytes);
        }, ct);
    }

    /// <summary>签收: a section chief signs for the bureau, once.</summary>
    public async Task<PolicyView> AcknowledgeAsync(Actor actor, Guid id, PolicyQueries queries, CancellationToken ct)
    {
        if (!actor.Has(Roles.Chief)) throw new ForbiddenException("policy-acknowledge", "只有科长（首席代表）可以代表审批局签收政策文件。");
        await db.InTransactionAsync(async () =>
        {
            var policy = await db.Set<PolicyDocument>().FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("没有该政策文件。");
            if (policy.AcknowledgedAt is not null)
                throw new ConflictException("already-acknowledged", $"该文件已由{policy.AcknowledgedByName}签收。");
            var now = Instants.Now(clock);
            policy.AcknowledgedAt = now;
            policy.AcknowledgedBy = actor.Id;
            policy.AcknowledgedByName = TextRules.Prefix(actor.DisplayName.Length > 0 ? actor.DisplayName : actor.Username, 100);
            var late = LegalDates.Today(clock) > policy.AckDueOn ? "，已逾期" : "";
            db.Audit(actor, "policy.acknowledge", "policy", id.ToString(), $"签收 {policy.DocumentNumber}《{policy.Title}》{late}", now);
            await db.CommitAsync(ct);
        }, ct);
        return await queries.GetAsync(actor, id, ct);
    }

    private async Task<Agency> PublishingDepartmentAsync(Actor actor, CancellationToken ct)
    {
        if (!actor.Has(Roles.DepartmentStaff) || actor.WorkUnitId is not { } unit)
            throw new ForbiddenException("policy-publish", "只有行政主管部门的工作人员可以发布政策文件。");
        return await db.Set<Agency>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == unit && a.Kind == OrganisationKind.Department, ct)
            ?? throw new ForbiddenException("policy-publish", "只有行政主管部门的工作人员可以发布政策文件。");
    }
}

/// <summary>The attachments' folder for the orphan sweep: keys no policy row refers to (a failed publish) are removed.</summary>
internal sealed class PolicyFiles(OneSealDb db) : IStoredFileOwner
{
    public string Folder => PolicyCommands.Folder;

    public async Task<IReadOnlySet<string>> ReferencedAsync(IReadOnlyCollection<string> keys, CancellationToken ct) =>
        (await db.Set<PolicyAttachment>().AsNoTracking().Where(a => keys.Contains(a.StorageKey)).Select(a => a.StorageKey).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
}
