using Microsoft.EntityFrameworkCore;
using OneSeal.Hall;
using OneSeal.Organisation;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Events;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;

namespace OneSeal.Exchange.Webhooks;

/// <summary>
/// 事件订阅管理 (<c>/admin/subscriptions</c>, <c>/api/v1/subscriptions</c>): the system administrator creates, disables and
/// deletes subscriptions and replays deliveries; the security auditor may read them (三员: it changes nothing). One
/// transaction and one audit line per command; a refused creation (bad or forbidden URL) is audited too.
/// </summary>
public sealed class SubscriptionAdmin(OneSealDb db, CallbackUrls urls, WebhookSecrets secrets, TimeProvider clock)
{
    public const int MaxEventTypes = 32;
    public const string Entity = "webhook-subscription";

    public static void EnsureAdmin(Actor actor)
    {
        if (!actor.Has(Roles.Admin)) throw new ForbiddenException("role", "只有系统管理员可以管理事件订阅。");
    }

    public static void EnsureReader(Actor actor)
    {
        if (!actor.Has(Roles.Admin) && !actor.Has(Roles.AuditAdmin))
            throw new ForbiddenException("role", "只有系统管理员（管理）和安全审计员（查看）可以查看事件订阅。");
    }

    public async Task<SubscriptionCreated> CreateAsync(Actor actor, SubscriptionInput input, CancellationToken ct)
    {
        try
        {
            return await CreateCheckedAsync(actor, input, ct);
        }
        catch (DomainException e)
        {
            await HallRefusals.AuditAsync(db, actor, "webhook-subscription.refused", Entity, "-", e, clock.Now(), ct);
            throw;
        }
    }

    private async Task<SubscriptionCreated> CreateCheckedAsync(Actor actor, SubscriptionInput input, CancellationToken ct)
    {
        EnsureAdmin(actor);
        var errors = new FieldErrors();
        var types = (input.EventTypes ?? []).Select(t => t?.Trim() ?? "").ToList();
        if (types.Count > MaxEventTypes) errors.Add("eventTypes", "max-count", $"事件类型不能超过{MaxEventTypes}个。");
        for (var i = 0; i < types.Count && i < MaxEventTypes; i++)
            if (!EventTypes.All.Contains(types[i])) errors.Add($"eventTypes[{i}]", "event-type", "事件类型应为接口约定的类型之一（如 case.accepted）。");
        var filters = input.Filters ?? new SubscriptionFilters(null, null, null);
        var itemCode = errors.Optional(filters.ItemCode, "filters.itemCode", "事项编码", 64);
        var action = errors.Optional(filters.Action, "filters.action", "动作", 32);
        if (filters.DepartmentId is { } dept && !await db.Set<Agency>().AnyAsync(a => a.Id == dept && a.Kind == OrganisationKind.Department, ct))
            errors.Add("filters.departmentId", "department", "部门应为行政主管部门。");
        if (input.Secret is { Length: > 0 } && WebhookSecrets.KeyOf(input.Secret.Trim()) is null)
            errors.Add("secret", "format", WebhookSecrets.FormatRule);
        errors.ThrowIfAny();
        var url = await urls.CheckAsync(input.Url, ct);
        var secret = WebhookSecrets.Choose(input.Secret?.Trim());
        return await db.InTransactionAsync(async () =>
        {
            var now = clock.Now();
            var subscription = new WebhookSubscription
            {
                Id = Guid.NewGuid(), Url = url.AbsoluteUri, EventTypes = string.Join(' ', types.Distinct(StringComparer.Ordinal)),
                DepartmentId = filters.DepartmentId, ItemCode = itemCode, Action = action, SecretProtected = secrets.Protect(secret),
                Status = SubscriptionStatus.Active, CreatedAt = now, CreatedById = actor.Id,
                // From now on: events recorded before the subscription are not sent to it.
                Cursor = await db.Set<EventRecord>().MaxAsync(e => (long?)e.Seq, ct) ?? 0,
            };
            db.Add(subscription);
            db.Audit(actor, "webhook-subscription.created", Entity, subscription.Id.ToString(), $"{subscription.Url}；{Describe(subscription)}", now);
            await db.CommitAsync(ct);
            return new SubscriptionCreated(subscription.Id, secret);
        }, ct);
    }

    public async Task<IReadOnlyList<SubscriptionView>> ListAsync(Actor actor, CancellationToken ct)
    {
        EnsureReader(actor);
        var rows = await db.Set<WebhookSubscription>().AsNoTracking().OrderByDescending(s => s.CreatedAt).ToListAsync(ct);
        var counts = (await db.Set<WebhookDelivery>().AsNoTracking().GroupBy(d => new { d.SubscriptionId, d.Status })
            .Select(g => new { g.Key.SubscriptionId, g.Key.Status, Count = g.Count() }).ToListAsync(ct))
            .ToDictionary(c => (c.SubscriptionId, c.Status), c => c.Count);
        var people = rows.Select(r => r.CreatedById).Distinct().ToList();
        var names = await db.Set<Account>().AsNoTracking().Where(a => people.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.DisplayName, ct);
        var departments = await db.Set<Agency>().AsNoTracking().Where(a => a.Kind == OrganisationKind.Department).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        return rows.Select(s => new SubscriptionView(s.Id, s.Url, s.Types, new SubscriptionFilters(s.DepartmentId, s.ItemCode, s.Action),
            s.DepartmentId is { } d ? departments.GetValueOrDefault(d) : null, s.Status.ToString().ToLowerInvariant(), s.DisabledReason, s.DisabledAt,
            s.CreatedAt, names.GetValueOrDefault(s.CreatedById) ?? "", counts.GetValueOrDefault((s.Id, DeliveryStatus.Pending)),
            counts.GetValueOrDefault((s.Id, DeliveryStatus.Delivered)), counts.GetValueOrDefault((s.Id, DeliveryStatus.Failed)), s.AlertAt, s.AlertText)).ToList();
    }

    /// <summary>The departments a filter may name, for the page's choice.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> DepartmentsAsync(CancellationToken ct) =>
        (await db.Set<Agency>().AsNoTracking().Where(a => a.Kind == OrganisationKind.Department && a.ClosedAt == null)
            .Select(a => new { a.Id, a.Code, a.Name }).ToListAsync(ct)).OrderBy(a => a.Code, StringComparer.Ordinal).Select(a => (a.Id, a.Name)).ToList();

    public Task DisableAsync(Actor actor, Guid id, CancellationToken ct) => db.InTransactionAsync(async () =>
    {
        EnsureAdmin(actor);
        var s = await FindAsync(id, ct);
        if (s.Status == SubscriptionStatus.Disabled) return;
        var now = clock.Now();
        s.Status = SubscriptionStatus.Disabled;
        s.DisabledAt = now;
        s.DisabledReason = $"系统管理员{actor.DisplayName}停用";
        db.Audit(actor, "webhook-subscription.disabled", Entity, id.ToString(), s.Url, now);
        await db.CommitAsync(ct);
    }, ct);

    public Task DeleteAsync(Actor actor, Guid id, CancellationToken ct) => db.InTransactionAsync(async () =>
    {
        EnsureAdmin(actor);
        var s = await FindAsync(id, ct);
        var deliveries = db.Set<WebhookDelivery>().Where(d => d.SubscriptionId == id);
        await db.Set<WebhookAttempt>().Where(a => deliveries.Any(d => d.Id == a.DeliveryId)).ExecuteDeleteAsync(ct);
        var removed = await deliveries.ExecuteDeleteAsync(ct);
        db.Remove(s);
        db.Audit(actor, "webhook-subscription.deleted", Entity, id.ToString(), $"{s.Url}（投递记录 {removed} 条一并删除）", clock.Now());
        await db.CommitAsync(ct);
    }, ct);

    public async Task<IReadOnlyList<DeliveryView>> DeliveriesAsync(Actor actor, Guid id, int? limit, CancellationToken ct)
    {
        EnsureReader(actor);
        if (limit is < 1 or > 500) throw new InvalidInputException("limit", "range", "条数应为1至500。");
        if (!await db.Set<WebhookSubscription>().AnyAsync(s => s.Id == id, ct)) throw new NotFoundException("事件订阅不存在。");
        var rows = await db.Set<WebhookDelivery>().AsNoTracking().Where(d => d.SubscriptionId == id)
            .OrderByDescending(d => d.EventSeq).Take(limit ?? 100).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var attempts = (await db.Set<WebhookAttempt>().AsNoTracking().Where(a => ids.Contains(a.DeliveryId)).ToListAsync(ct))
            .ToLookup(a => a.DeliveryId);
        return rows.Select(d => View(d, attempts[d.Id])).ToList();
    }

    /// <summary>Sends the delivery again from now, with a fresh 24-hour retry window; same <c>webhook-id</c>, so receivers deduplicate.</summary>
    public Task<DeliveryView> ReplayAsync(Actor actor, Guid id, Guid deliveryId, CancellationToken ct) => db.InTransactionAsync(async () =>
    {
        EnsureAdmin(actor);
        var s = await FindAsync(id, ct);
        var d = await db.Set<WebhookDelivery>().SingleOrDefaultAsync(x => x.Id == deliveryId && x.SubscriptionId == id, ct)
            ?? throw new NotFoundException("投递记录不存在。");
        if (s.Status == SubscriptionStatus.Disabled) throw new ConflictException("subscription-disabled", "该订阅已停用，不能重新投递。");
        var now = clock.Now();
        d.Status = DeliveryStatus.Pending;
        d.NextAttemptAt = now;
        d.RetryFrom = now;
        d.LeaseUntil = null;
        d.LeaseHolder = null;
        db.Audit(actor, "webhook-delivery.replayed", Entity, id.ToString(), $"{d.EventType} {d.Subject}（事件 {d.EventId}）", now);
        await db.CommitAsync(ct);
        var attempts = await db.Set<WebhookAttempt>().AsNoTracking().Where(a => a.DeliveryId == d.Id).ToListAsync(ct);
        return View(d, attempts);
    }, ct);

    private async Task<WebhookSubscription> FindAsync(Guid id, CancellationToken ct) =>
        await db.Set<WebhookSubscription>().SingleOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException("事件订阅不存在。");

    private static DeliveryView View(WebhookDelivery d, IEnumerable<WebhookAttempt> attempts) => new(
        d.Id, d.EventId, d.EventSeq, d.EventType, d.Subject, d.Status.ToString().ToLowerInvariant(), d.Attempts, d.CreatedAt,
        d.Status == DeliveryStatus.Pending ? d.NextAttemptAt : null, d.LastAttemptAt, d.LastStatusCode, d.LastDurationMs, d.LastError,
        d.DeliveredAt, attempts.OrderByDescending(a => a.At).Take(20).Select(a => new AttemptView(a.At, a.StatusCode, a.DurationMs, a.Error)).ToList());

    private static string Describe(WebhookSubscription s) => string.Join("，", new[]
    {
        "事件：" + (s.EventTypes.Length == 0 ? "全部" : s.EventTypes),
        s.DepartmentId is { } d ? $"部门 {d}" : null,
        s.ItemCode is { } i ? $"事项 {i}" : null,
        s.Action is { } a ? $"动作 {a}" : null,
    }.Where(x => x is not null));
}
