using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;

namespace OneSeal.Organisation.Auditing;

/// <summary>What the auditor asks for: each criterion optional; dates are legal dates (Asia/Shanghai), both ends included.</summary>
public sealed record AuditQuery(string? Actor = null, string? Entity = null, string? Action = null, string? From = null, string? To = null, int? Page = null);

/// <summary>One audit line as the auditor reads it: who by name, what by its label, the entity by the name people use.</summary>
public sealed record AuditRow(long Id, DateTimeOffset At, Guid? ActorId, string ActorUsername, string ActorDisplayName,
    string Action, string EntityType, string EntityId, string EntityName, string? Detail);

public sealed record AuditResults(IReadOnlyList<AuditRow> Rows, int Page, int PageSize, bool HasMore);

/// <summary>
/// The audit administrator's search over the trail, newest first, a page at a time (one row more is read to know if
/// another page follows, so no count over the whole trail). Only the audit administrator may search (三员分立).
/// </summary>
public sealed class AuditSearch(OneSealDb db, IEnumerable<IAuditEntityNames> names)
{
    public const int PageSize = 50;
    private const int MaxText = 64, MaxPage = 10_000, MaxActors = 100;

    public static void Require(Actor actor)
    {
        if (!actor.Has(Roles.AuditAdmin)) throw new ForbiddenException("audit-admin-only", "只有安全审计员可以查看和核验审计记录。");
    }

    public async Task<AuditResults> SearchAsync(AuditQuery q, Actor actor, CancellationToken ct)
    {
        Require(actor);
        var actorText = Text(q.Actor, "actor");
        var entityText = Text(q.Entity, "entity");
        var action = Text(q.Action, "action");
        var from = Date(q.From, "from");
        var to = Date(q.To, "to");
        if (from is { } f && to is { } t && f > t) throw new InvalidInputException("to", "range", "结束日期不能早于开始日期");
        var page = q.Page ?? 1;
        if (page is < 1 or > MaxPage) throw new InvalidInputException("page", "range", $"页码应在 1 到 {MaxPage} 之间");

        var entries = db.Set<AuditEntry>().AsNoTracking();
        if (actorText is not null)
        {
            var ids = await db.Set<Account>().AsNoTracking()
                .Where(a => a.Username == actorText || a.DisplayName.Contains(actorText))
                .Select(a => a.Id).Take(MaxActors).ToListAsync(ct);
            var nullable = ids.Select(i => (Guid?)i).ToList();
            entries = entries.Where(e => nullable.Contains(e.ActorId) || e.ActorName == actorText);
        }
        if (entityText is not null)
        {
            var ids = new List<string> { entityText };
            foreach (var n in names)
                if (await n.IdOfAsync(entityText, ct) is { } id) ids.Add(id);
            entries = entries.Where(e => ids.Contains(e.EntityId));
        }
        if (action is not null) entries = entries.Where(e => e.Action == action || e.Action.StartsWith(action + "."));
        if (from is { } start) { var at = LegalDates.StartOf(start); entries = entries.Where(e => e.At >= at); }
        if (to is { } end) { var before = LegalDates.StartOf(end.AddDays(1)); entries = entries.Where(e => e.At < before); }

        var found = await entries.OrderByDescending(e => e.Id).Skip((page - 1) * PageSize).Take(PageSize + 1).ToListAsync(ct);
        var rows = found.Take(PageSize).ToList();
        var actorIds = rows.Where(r => r.ActorId is not null).Select(r => r.ActorId!.Value).Distinct().ToList();
        var people = await db.Set<Account>().AsNoTracking().Where(a => actorIds.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => a.DisplayName, ct);
        var entityNames = new Dictionary<(string, string), string>();
        foreach (var n in names)
        {
            var ids = rows.Where(r => r.EntityType == n.EntityType).Select(r => r.EntityId).Distinct().ToList();
            if (ids.Count == 0) continue;
            foreach (var (id, name) in await n.NamesAsync(ids, ct)) entityNames[(n.EntityType, id)] = name;
        }
        return new AuditResults(rows.Select(r => new AuditRow(r.Id, r.At, r.ActorId, r.ActorName,
                r.ActorId is { } a && people.TryGetValue(a, out var display) ? display : r.ActorName == "system" ? "系统" : r.ActorName,
                r.Action, r.EntityType, r.EntityId, entityNames.GetValueOrDefault((r.EntityType, r.EntityId), r.EntityId), r.Detail)).ToList(),
            page, PageSize, found.Count > PageSize);
    }

    private static string? Text(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var v = value.Trim();
        if (v.Length > MaxText) throw new InvalidInputException(field, "max-length", $"不能超过 {MaxText} 个字符");
        return v;
    }

    private static DateOnly? Date(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (!DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            throw new InvalidInputException(field, "date", "日期格式应为 yyyy-MM-dd");
        // The trail begins with the system; bounds also keep the instant arithmetic away from DateTimeOffset's ends.
        if (d.Year is < 2000 or > 2099) throw new InvalidInputException(field, "range", "日期应在 2000 年至 2099 年之间");
        return d;
    }
}
