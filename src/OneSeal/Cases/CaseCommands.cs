using Microsoft.EntityFrameworkCore;
using OneSeal.Calendar;
using OneSeal.Cases.Machine;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Storage;
using OneSeal.Seal;

namespace OneSeal.Cases;

/// <summary>
/// Every change to a case. Each command runs in one transaction (<see cref="UnitOfWork.InTransactionAsync{T}"/>) that
/// opens before the case is read: load and lock the case, ask the machine for the row (<see cref="BeginAsync"/>), check
/// the input, change, then <see cref="ApplyAsync"/> writes the status, timeline line, audit line and notice (its number
/// last) and everything commits together. Pages and the API both call these.
/// </summary>
public sealed partial class CaseCommands(
    OneSealDb db, TimeProvider clock, IWorkingDayCalendar calendar, IFileStore files,
    ICertificateIssuer issuer, Notices.INoticeIssuer notices, PersonalData personalData, IConfiguration config, CaseContexts contexts,
    Catalog.Versions.VersionFactsCache versions, Organisation.AgencyDirectory agencies, Hall.Intake.WindowIntake intake,
    IEnumerable<Decision.ICaseDecisionListener> decisionListeners, CertificateRegistry certificates)
{
    /// <summary>Loads and locks the case and returns the machine's row for <paramref name="action"/>, or throws its refusal.</summary>
    private async Task<(Case Case, Transition Row)> BeginAsync(Guid id, CaseAction action, Actor actor, int? expectedVersion, CancellationToken ct)
    {
        var c = await LoadAsync(id, ct);
        var context = await contexts.ForAsync(c, CaseMachine.Needs(action, c.Status), ct, actor);
        return (c, CaseMachine.Ensure(c, action, actor, context, expectedVersion));
    }

    /// <summary>
    /// The one place a transition is applied (and counted, <c>oneseal.case.transitions</c>): status and version, the timeline
    /// line, the audit line, and the row's sealed notice. The notice takes its number last, so its counter row is locked
    /// only for the commit that follows.
    /// </summary>
    private async Task<Case> ApplyAsync(Case c, Transition row, Actor actor, string? note, DateTimeOffset now, CancellationToken ct,
        IReadOnlyList<(string Key, string? Value)>? notice = null, string? auditDetail = null)
    {
        var from = c.Status;
        c.MoveTo(row.To);
        AddEvent(c, actor, row.Event, note, from, now);
        db.Audit(actor, row.AuditAction, "case", c.Id.ToString(), auditDetail ?? Fit(note), now);
        // issue 13 — exchange: the event other systems learn, committed (or rolled back) with the transition
        await RecordExchangeEventAsync(c, row, now, ct);
        if (row.Notice is { } kind) await NoticeAsync(c, kind, actor.Id, now, ct, [.. notice ?? []]);
        await db.CommitAsync(ct);
        Platform.Telemetry.OneSealMetrics.CaseTransition(row.Event);
        return c;
    }

    /// <summary>A change that is not a transition (the status stays): a new version, its timeline line and audit line, saved.</summary>
    private async Task NoteAsync(Case c, Actor actor, string action, string note, DateTimeOffset now, CancellationToken ct)
    {
        c.Touch();
        AddEvent(c, actor, action, note, c.Status, now);
        db.Audit(actor, $"case.{action}", "case", c.Id.ToString(), Fit(note), now);
        await db.CommitAsync(ct);
    }

    private void AddEvent(Case c, Actor actor, string action, string? note, CaseStatus? from, DateTimeOffset now) =>
        db.Add(new CaseEvent
        {
            CaseId = c.Id, At = now, ActorId = actor.Id == Guid.Empty ? null : actor.Id, ActorName = actor.DisplayName, Action = action, Note = Fit(note),
            FromStatus = from, ToStatus = c.Status,
        });

    /// <summary>
    /// The case a command changes, read inside its transaction. On PostgreSQL its row is locked first, so commands racing on
    /// one case queue here — before any of them takes a document number — and the loser sees the winner's state.
    /// SQLite's BEGIN IMMEDIATE already holds the database's write lock.
    /// </summary>
    private async Task<Case> LoadAsync(Guid id, CancellationToken ct)
    {
        // One statement on PostgreSQL: the locking read is the row source the materials join to.
        var cases = db.Database.IsNpgsql() ? db.Set<Case>().FromSql($"SELECT * FROM cases WHERE id = {id} FOR UPDATE") : db.Set<Case>();
        return await cases.Include(x => x.Materials).FirstOrDefaultAsync(x => x.Id == id, ct)
            ?? throw new NotFoundException("办件不存在或无权查看。");
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
