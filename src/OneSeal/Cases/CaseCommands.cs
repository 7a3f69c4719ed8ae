using Microsoft.EntityFrameworkCore;
using OneSeal.Calendar;
using OneSeal.Cases.Rules;
using OneSeal.Catalog;
using OneSeal.Organisation;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Storage;
using OneSeal.Seal;

namespace OneSeal.Cases;

/// <summary>
/// Every change to a case. Each method checks role, data scope and state, then writes the change,
/// its timeline line and its audit line in one transaction. Pages and the API both call these.
/// </summary>
public sealed partial class CaseCommands(
    OneSealDb db, TimeProvider clock, IWorkingDayCalendar calendar, IFileStore files,
    ICertificateIssuer issuer, Notices.INoticeIssuer notices, PersonalData personalData, IConfiguration config,
    Catalog.Versions.VersionFactsCache versions, AgencyDirectory agencies)
{
    private async Task<Case> MoveAsync(Case c, Actor actor, string action, CaseStatus to, string? note, DateTimeOffset now, CancellationToken ct)
    {
        var from = c.Status;
        c.Status = to;
        c.Version++;
        AddEvent(c, actor, action, note, from, now);
        db.Audit(actor, $"case.{action}", "case", c.Id.ToString(), Fit(note), now);
        await db.CommitAsync(ct);
        return c;
    }

    private void AddEvent(Case c, Actor actor, string action, string? note, CaseStatus? from, DateTimeOffset now) =>
        db.Add(new CaseEvent
        {
            CaseId = c.Id, At = now, ActorId = actor.Id == Guid.Empty ? null : actor.Id, ActorName = actor.DisplayName, Action = action, Note = Fit(note),
            FromStatus = from, ToStatus = c.Status,
        });

    /// <summary>
    /// The case to change, tracked. Its uploaded materials (six rows in a typical case, joined into every row of the
    /// result) only for the commands that read them: upload, submit, correction request, and an owed tolerance check.
    /// </summary>
    private async Task<Case> LoadAsync(Guid id, CancellationToken ct, bool withMaterials = false)
    {
        IQueryable<Case> cases = withMaterials ? db.Set<Case>().Include(x => x.Materials) : db.Set<Case>();
        return await cases.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("办件不存在或无权查看。");
    }

    /// <summary>Loads the case's materials if its command loaded it without them.</summary>
    private async Task EnsureMaterialsAsync(Case c, CancellationToken ct)
    {
        var materials = db.Entry(c).Collection(x => x.Materials);
        if (!materials.IsLoaded) await materials.LoadAsync(ct);
    }

    private static void EnsureVersion(Case c, int? expectedVersion)
    {
        if (expectedVersion is { } v && v != c.Version)
            throw new ConflictException("stale-version", "该办件已被他人更新，请刷新后重试。");
    }

    /// <summary>Timeline notes and audit details hold 4000 characters; a longer note (a prefix plus a 4000-character opinion) is clipped.</summary>
    private static string? Fit(string? note) => note is { Length: > 4000 } ? note[..3999] + "…" : note;

    /// <summary>The case's form in clear (personal fields decrypted): for checks and documents, never for storing.</summary>
    private Dictionary<string, string?> ReadForm(Case c) => Forms.CaseForm.Read(c, personalData);

    private static string RequiredText(string field, string? value, string message, int maxLength = 4000)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text)) throw new InvalidInputException(field, "required", message);
        if (text.Length > maxLength) throw new InvalidInputException(field, "max-length", $"内容不能超过{maxLength}字。");
        return text;
    }
}
