using Microsoft.EntityFrameworkCore;
using OneSeal.Cases.Machine;
using OneSeal.Catalog;
using OneSeal.Hall.Intake;
using OneSeal.Organisation;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;

namespace OneSeal.Cases;

/// <summary>
/// Filing at a window (窗口渠道): the clerk, signed in at a comprehensive or department window that takes the item
/// (无差别受理 by theme; a department window its department's own items), files a case for a walk-in applicant. The
/// case then moves through the machine's window rows (the clerk uploads and submits) and the usual acceptance rows.
/// </summary>
public sealed partial class CaseCommands
{
    public const string WindowRefusedAudit = "case.window-refused";

    public async Task<Case> FileAtWindowAsync(Actor actor, string? itemCode, Guid? applicantId, IReadOnlyDictionary<string, string?> form, CancellationToken ct)
    {
        if (!actor.Has(Roles.Clerk)) throw new ForbiddenException("role", $"窗口代为申请需要“{RoleLabels.Of(Roles.Clerk)}”角色。");
        var seat = await intake.EnsureSeatAsync(actor, "channel", ct);
        if (applicantId is not { } id || id == Guid.Empty)
            throw new InvalidInputException("applicantId", "required", "请先查找或登记申请人（applicantId）。");
        var item = await ItemToFileAsync(itemCode, ct);
        // A refusal by theme is written to the audit trail on its own; nothing else is.
        if (await intake.RefusalAsync(seat, new IntakeItem(item.Name, item.CompetentDepartmentId, item.ImplementingOrganisationId), ct) is { } refusal)
        {
            db.Audit(actor, WindowRefusedAudit, "item", item.Code, Fit($"{seat.Number}：{refusal}"), clock.Now());
            await db.CommitAsync(ct);
            throw new ConflictException(WindowIntake.Rule, refusal + "（itemCode）");
        }
        if (!Roles.CaseHandling.Any(r => actor.Reaches(r, item.ImplementingOrganisationId, sectionId: item.HandlingSectionId)))
            throw new ForbiddenException("data-scope", "本事项不由您所在单位承办，不能在本窗口代为申请。");

        return await db.InTransactionAsync(async () =>
        {
            var applicant = await db.Set<Account>().AsNoTracking()
                .FirstOrDefaultAsync(a => a.Id == id && (a.Kind == AccountKind.Citizen || a.Kind == AccountKind.Enterprise) && !a.Disabled, ct)
                ?? throw new InvalidInputException("applicantId", "unknown-applicant", "申请人不存在，请先查找或登记申请人。");
            EnsureServiceObject(applicant.Kind, item);
            var clean = FormValidator.Validate(item.FormFields, form, LegalDates.Today(clock), requireAll: false);
            var now = clock.Now();
            var c = await NewCaseAsync(item, applicant, clean, CaseChannel.Window, now, ct);
            c.WindowId = seat.WindowId;
            c.FiledById = actor.Id;
            db.Add(c);
            AddEvent(c, actor, CaseActions.Created, $"窗口受理：{seat.Number} {seat.Name}", null, now);
            db.Audit(actor, "case.create", "case", c.Id.ToString(), $"{c.CaseNumber}，{seat.Number} 窗口代为申请", now);
            await db.CommitAsync(ct);
            return c;
        }, ct);
    }
}

public static class PaperLabels
{
    public static string Of(PaperCheck p) => p == PaperCheck.Original ? "原件已核验" : "复印件留存";

    /// <summary>The timeline's note suffix for a window upload.</summary>
    public static string Note(PaperCheck? p) => p is { } v ? $"（{Of(v)}）" : "";

    public static PaperCheck? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "original" => PaperCheck.Original,
        "copy" => PaperCheck.Copy,
        _ => throw new InvalidInputException("paperCheck", "one-of", "纸质材料标记（paperCheck）应为 original（原件已核验）或 copy（复印件留存）。"),
    };
}
