using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Exchange.Webhooks;
using OneSeal.Organisation;
using OneSeal.Platform.Http;
using OneSeal.Resources;

namespace OneSeal.Pages.Admin;

/// <summary>
/// 事件订阅: other systems' webhook subscriptions — list, create (the secret shown once), disable, delete, the delivery
/// log of one (<c>?id=</c>) with replay, and the alert when a delivery gave up. The security auditor sees it read-only.
/// </summary>
[Authorize(Roles = Roles.Admin + "," + Roles.AuditAdmin)]
public sealed class SubscriptionsModel(SubscriptionAdmin admin, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    public IReadOnlyList<SubscriptionView> Subscriptions { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Departments { get; private set; } = [];
    public SubscriptionView? Selected { get; private set; }
    public IReadOnlyList<DeliveryView> Deliveries { get; private set; } = [];
    public bool CanManage => Me.Has(Roles.Admin);

    /// <summary>The secret of the subscription just created: shown on this one answer only.</summary>
    public SubscriptionCreated? NewSecret { get; private set; }

    [BindProperty(SupportsGet = true)] public Guid? Id { get; set; }
    [BindProperty] public string? CallbackUrl { get; set; }
    [BindProperty] public List<string> EventTypes { get; set; } = [];
    [BindProperty] public Guid? DepartmentId { get; set; }
    [BindProperty] public string? ItemCode { get; set; }
    [BindProperty] public string? FilterAction { get; set; }
    [BindProperty] public string? Secret { get; set; }
    [BindProperty] public Guid? DeliveryId { get; set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        ClearErrors();
        try
        {
            NewSecret = await admin.CreateAsync(Me, new SubscriptionInput(CallbackUrl, EventTypes, new SubscriptionFilters(DepartmentId, ItemCode, FilterAction), Secret), ct);
            (CallbackUrl, EventTypes, DepartmentId, ItemCode, FilterAction, Secret) = (null, [], null, null, null, null);
        }
        catch (DomainException e)
        {
            AddDomainError(e, key => "new-" + key.Split('[')[0].Replace("filters.", "", StringComparison.Ordinal));
        }
        await LoadAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostDisableAsync(CancellationToken ct) => ActAsync(async () =>
    {
        await admin.DisableAsync(Me, Id ?? Guid.Empty, ct);
        return T["订阅已停用，不再向其投递事件。"];
    }, ct);

    public Task<IActionResult> OnPostDeleteAsync(CancellationToken ct) => ActAsync(async () =>
    {
        await admin.DeleteAsync(Me, Id ?? Guid.Empty, ct);
        Id = null;
        return T["订阅及其投递记录已删除。"];
    }, ct);

    public Task<IActionResult> OnPostReplayAsync(CancellationToken ct) => ActAsync(async () =>
    {
        var d = await admin.ReplayAsync(Me, Id ?? Guid.Empty, DeliveryId ?? Guid.Empty, ct);
        return T["已安排重新投递“{0}”（{1}），稍后由后台发送。", WebhookLabels.EventType(d.EventType), d.Subject];
    }, ct);

    private async Task<IActionResult> ActAsync(Func<Task<string>> action, CancellationToken ct)
    {
        ClearErrors();
        try
        {
            Notify(await action());
            return Redirect(Id is { } id ? $"/admin/subscriptions?id={id}" : "/admin/subscriptions");
        }
        catch (DomainException e)
        {
            AddDomainError(e);
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Subscriptions = await admin.ListAsync(Me, ct);
        Departments = await admin.DepartmentsAsync(ct);
        Selected = Subscriptions.FirstOrDefault(s => s.Id == Id);
        if (Selected is not null) Deliveries = await admin.DeliveriesAsync(Me, Selected.Id, 100, ct);
    }

    public string Filters(SubscriptionView s)
    {
        var parts = new List<string>();
        if (s.DepartmentName is { } d) parts.Add(T["部门：{0}", d]);
        if (s.Filters.ItemCode is { } i) parts.Add(T["事项：{0}", i]);
        if (s.Filters.Action is { } a) parts.Add(T["动作：{0}", a]);
        return parts.Count == 0 ? T["不限"] : string.Join("；", parts);
    }

    public string Types(SubscriptionView s) =>
        s.EventTypes.Count == 0 ? T["全部事件"] : string.Join("、", s.EventTypes.Select(x => T[WebhookLabels.EventType(x)].Value));

    public static string Local(DateTimeOffset? at) => at is { } a ? OneSeal.Platform.Time.LegalDates.ToLocal(a).ToString("yyyy-MM-dd HH:mm:ss") : "—";
}
