using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneSeal.Cases.Materials;
using OneSeal.Cases.Rules;
using OneSeal.Catalog;
using OneSeal.Organisation;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;

namespace OneSeal.Cases;

/// <summary>Acceptance at the window (Art. 32): accept, one correction notice listing everything missing, or refuse.</summary>
public sealed partial class CaseCommands
{
    public async Task<Case> AcceptAsync(Actor actor, Guid caseId, int? expectedVersion, CancellationToken ct)
    {
        var c = await LoadAsync(caseId, ct);
        CaseAccess.EnsureStaff(actor, c, Roles.Clerk);
        EnsureVersion(c, expectedVersion);
        CaseTransitions.Ensure(CaseActions.Accepted, c);
        var now = clock.Now();
        var acceptedOn = LegalDates.ToLegalDate(now);
        c.AcceptedById = actor.Id;
        c.AcceptedAt = now;
        c.AcceptedOn = acceptedOn;
        Reschedule(c, [], acceptedOn);
        await NoticeAsync(c, Notices.NoticeKind.Acceptance, now, ct,
            (Notices.NoticeFields.AcceptanceDate, Iso(acceptedOn)), (Notices.NoticeFields.TimeLimit, $"{c.PromisedDays}个工作日"), (Notices.NoticeFields.DueDate, Iso(c.DueDate)));
        return await MoveAsync(c, actor, CaseActions.Accepted, CaseStatus.Accepted, $"承诺办结日期 {c.DueDate:yyyy-MM-dd}（{c.PromisedDays}个工作日）", now, ct);
    }

    public async Task<Case> RequestCorrectionAsync(Actor actor, Guid caseId, IReadOnlyList<string>? missing, string? note, int? expectedVersion, CancellationToken ct)
    {
        var c = await LoadAsync(caseId, ct, withMaterials: true);
        CaseAccess.EnsureStaff(actor, c, Roles.Clerk);
        EnsureVersion(c, expectedVersion);
        CaseTransitions.Ensure(CaseActions.CorrectionRequested, c);
        var codes = (missing ?? []).Where(m => !string.IsNullOrWhiteSpace(m)).Distinct().ToList();
        if (codes.Count == 0)
            throw new InvalidInputException("missing", "required", "补正通知须一次性列明全部需要补正的材料（missing 不能为空）。");
        var materials = await db.Set<ItemMaterial>().AsNoTracking().Where(m => m.ItemId == c.ItemId).ToListAsync(ct);
        var unknown = codes.Where(code => materials.All(m => m.Code != code)).ToList();
        if (unknown.Count > 0)
            throw new InvalidInputException("missing", "unknown-material", "本事项没有这些材料编码：" + string.Join("、", unknown));
        if (note?.Length > 2000) throw new InvalidInputException("note", "max-length", "说明不能超过2000字。");
        OneCorrectionNotice.EnsureOnlyNewlySubmitted(c, codes, materials);

        var now = clock.Now();
        c.CorrectionMaterialsJson = JsonSerializer.Serialize(codes);
        c.CorrectionNote = note?.Trim();
        c.CorrectionRequestedAt = now;
        var listed = materials.Where(m => codes.Contains(m.Code)).OrderBy(m => m.SortOrder).ToList();
        var names = string.Join("、", listed.Select(m => m.Name));
        await NoticeAsync(c, Notices.NoticeKind.CorrectionRequest, now, ct,
            [.. listed.Select(m => (Notices.NoticeFields.Material, (string?)m.Name)), (Notices.NoticeFields.CorrectionNote, note?.Trim())]);
        return await MoveAsync(c, actor, CaseActions.CorrectionRequested, CaseStatus.CorrectionRequested,
            $"请补正：{names}" + (string.IsNullOrWhiteSpace(note) ? "" : $"。说明：{note.Trim()}"), now, ct);
    }

    public async Task<Case> RefuseAsync(Actor actor, Guid caseId, string? reason, int? expectedVersion, CancellationToken ct)
    {
        var c = await LoadAsync(caseId, ct);
        CaseAccess.EnsureStaff(actor, c, Roles.Clerk);
        EnsureVersion(c, expectedVersion);
        CaseTransitions.Ensure(CaseActions.Refused, c);
        var text = RequiredText("reason", reason, "不予受理须说明理由（reason）。", maxLength: 2000);
        c.RefusalReason = text;
        var now = clock.Now();
        await NoticeAsync(c, Notices.NoticeKind.Refusal, now, ct, (Notices.NoticeFields.Reason, text));
        return await MoveAsync(c, actor, CaseActions.Refused, CaseStatus.Refused, text, now, ct);
    }

    /// <summary>
    /// Art. 32: an application not answered within 5 working days of receipt counts as accepted from the day the
    /// materials arrived. Done by the deadline sweep as the system; the case is flagged for monitoring.
    /// </summary>
    public async Task<Case> AcceptAsDeemedAsync(Guid caseId, CancellationToken ct)
    {
        var c = await LoadAsync(caseId, ct);
        CaseTransitions.Ensure(CaseActions.Accepted, c);
        var now = clock.Now();
        var receivedOn = LegalDates.ToLegalDate(c.SubmittedAt ?? now);
        c.AcceptedAt = now;
        c.AcceptedOn = receivedOn;
        c.DeemedAccepted = true;
        Reschedule(c, [], LegalDates.ToLegalDate(now));
        await NoticeAsync(c, Notices.NoticeKind.Acceptance, now, ct,
            (Notices.NoticeFields.AcceptanceDate, Iso(receivedOn)), (Notices.NoticeFields.TimeLimit, $"{c.PromisedDays}个工作日"), (Notices.NoticeFields.DueDate, Iso(c.DueDate)));
        // Yellow and red are raised by the deadline sweep, which writes their timeline line; it runs right after this.
        if (c.DeadlineState is Clock.DeadlineState.Yellow or Clock.DeadlineState.Red) c.DeadlineState = Clock.DeadlineState.Normal;
        return await MoveAsync(c, Platform.Security.SystemActor.Instance, CaseActions.DeemedAccepted, CaseStatus.Accepted,
            $"收到申请材料之日（{receivedOn:yyyy-MM-dd}）起5个工作日内未作答复，依《行政许可法》第三十二条自收到材料之日起视为受理；办结期限 {c.DueDate:yyyy-MM-dd}", now, ct);
    }
}
