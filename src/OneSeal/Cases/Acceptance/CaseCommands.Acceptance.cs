using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneSeal.Cases.Machine;
using OneSeal.Cases.Rules;
using OneSeal.Catalog;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;
using F = OneSeal.Notices.NoticeFields;

namespace OneSeal.Cases;

/// <summary>Acceptance at the window (Art. 32): accept, one correction notice listing everything missing, or refuse.</summary>
public sealed partial class CaseCommands
{
    public Task<Case> AcceptAsync(Actor actor, Guid caseId, int? expectedVersion, CancellationToken ct) => db.InTransactionAsync(async () =>
    {
        var (c, row) = await BeginAsync(caseId, CaseAction.Accept, actor, expectedVersion, ct);
        var now = clock.Now();
        var acceptedOn = LegalDates.ToLegalDate(now);
        c.RecordAcceptance(actor.Id, now, acceptedOn);
        Reschedule(c, [], acceptedOn);
        return await ApplyAsync(c, row, actor, $"承诺办结日期 {c.DueDate:yyyy-MM-dd}（{c.PromisedDays}个工作日）", now, ct, AcceptanceNotice(c, acceptedOn));
    }, ct);

    private static (string, string?)[] AcceptanceNotice(Case c, DateOnly acceptedOn) =>
        [(F.AcceptanceDate, Iso(acceptedOn)), (F.TimeLimit, $"{c.PromisedDays}个工作日"), (F.DueDate, Iso(c.DueDate))];

    public Task<Case> RequestCorrectionAsync(Actor actor, Guid caseId, IReadOnlyList<string>? missing, string? note, int? expectedVersion, CancellationToken ct) =>
        db.InTransactionAsync(async () =>
    {
        var (c, row) = await BeginAsync(caseId, CaseAction.RequestCorrection, actor, expectedVersion, ct);
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
        c.RecordCorrectionRequest(JsonSerializer.Serialize(codes), note?.Trim(), now);
        var listed = materials.Where(m => codes.Contains(m.Code)).OrderBy(m => m.SortOrder).ToList();
        var names = string.Join("、", listed.Select(m => m.Name));
        return await ApplyAsync(c, row, actor, $"请补正：{names}" + (string.IsNullOrWhiteSpace(note) ? "" : $"。说明：{note.Trim()}"), now, ct,
            [.. listed.Select(m => (F.Material, (string?)m.Name)), (F.CorrectionNote, note?.Trim())]);
    }, ct);

    public Task<Case> RefuseAsync(Actor actor, Guid caseId, string? reason, int? expectedVersion, CancellationToken ct) => db.InTransactionAsync(async () =>
    {
        var (c, row) = await BeginAsync(caseId, CaseAction.Refuse, actor, expectedVersion, ct);
        var text = RequiredText("reason", reason, "不予受理须说明理由（reason）。", maxLength: 2000);
        c.RecordRefusal(text);
        return await ApplyAsync(c, row, actor, text, clock.Now(), ct, [(F.Reason, text)]);
    }, ct);

    /// <summary>
    /// Art. 32: an application not answered within 5 working days of receipt counts as accepted from the day the
    /// materials arrived. Done by the deadline sweep as the system; the case is flagged for monitoring.
    /// </summary>
    public Task<Case> AcceptAsDeemedAsync(Guid caseId, CancellationToken ct) => db.InTransactionAsync(async () =>
    {
        var actor = SystemActor.Instance;
        var (c, row) = await BeginAsync(caseId, CaseAction.DeemAccept, actor, null, ct);
        var now = clock.Now();
        var receivedOn = LegalDates.ToLegalDate(c.SubmittedAt ?? now);
        c.RecordAcceptance(null, now, receivedOn);
        Reschedule(c, [], LegalDates.ToLegalDate(now));
        // The deadline sweep runs right after this and raises yellow or red with its timeline line.
        c.ClearWarning();
        return await ApplyAsync(c, row, actor,
            $"收到申请材料之日（{receivedOn:yyyy-MM-dd}）起5个工作日内未作答复，依《行政许可法》第三十二条自收到材料之日起视为受理；办结期限 {c.DueDate:yyyy-MM-dd}",
            now, ct, AcceptanceNotice(c, receivedOn));
    }, ct);
}
