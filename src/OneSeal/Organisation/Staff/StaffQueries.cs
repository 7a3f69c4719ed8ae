using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation.Identifiers;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;

namespace OneSeal.Organisation.Staff;

/// <summary>The staff list and one account, for the system and the security administrator.</summary>
public sealed class StaffQueries(OneSealDb db)
{
    public async Task<StaffPage> ListAsync(Actor actor, StaffFilter filter, CancellationToken ct)
    {
        StaffAccess.EnsureRead(actor);
        if (filter.Page is < 1 or > 100_000) throw new InvalidInputException("page", "range", "page 应在 1 到 100000 之间。");
        if (filter.PageSize is < 1 or > 100) throw new InvalidInputException("pageSize", "range", "pageSize 应在 1 到 100 之间。");
        if (filter.Role is { } role && StaffFields.RoleProblem(role) is { } problem) throw new InvalidInputException("role", "unknown-role", problem);
        var accounts = db.Set<Account>().AsNoTracking().Where(a => a.Kind == AccountKind.Staff);
        if (filter.OrganisationId is { } org) accounts = accounts.Where(a => a.OrganisationId == org);
        if (filter.Role is { } r) accounts = accounts.Where(a => a.Roles.Any(x => x.Role == r));
        if (filter.Disabled is { } disabled) accounts = accounts.Where(a => a.Disabled == disabled);
        if (StaffFields.Clean(filter.Query) is { } q)
        {
            if (q.Length > 64) throw new InvalidInputException("q", "max-length", "搜索词不能超过 64 个字符。");
            accounts = accounts.Where(a => a.Username.Contains(q) || a.DisplayName.Contains(q) || (a.StaffNumber != null && a.StaffNumber.Contains(q)));
        }
        var total = await accounts.CountAsync(ct);
        var page = await accounts.Include(a => a.Roles).OrderBy(a => a.Username)
            .Skip((filter.Page - 1) * filter.PageSize).Take(filter.PageSize).ToListAsync(ct);
        return new StaffPage(await ViewsAsync(page, ct), total, filter.Page, filter.PageSize);
    }

    public async Task<StaffView> GetAsync(Actor actor, Guid id, CancellationToken ct)
    {
        StaffAccess.EnsureRead(actor);
        var account = await db.Set<Account>().AsNoTracking().Include(a => a.Roles)
            .FirstOrDefaultAsync(a => a.Id == id && a.Kind == AccountKind.Staff, ct) ?? throw new NotFoundException("工作人员账号不存在。");
        return (await ViewsAsync([account], ct))[0];
    }

    /// <summary>The full phone number, for the system administrator editing it (lists show it masked).</summary>
    public Task<string?> PhoneAsync(Actor actor, Guid id, CancellationToken ct)
    {
        StaffAccess.EnsureAdmin(actor);
        return db.Set<Account>().AsNoTracking().Where(a => a.Id == id && a.Kind == AccountKind.Staff).Select(a => a.Phone).FirstOrDefaultAsync(ct);
    }

    /// <summary>The open organisations staff may be assigned to, by name, for the forms.</summary>
    public Task<List<Agency>> OrganisationsAsync(CancellationToken ct) =>
        db.Set<Agency>().AsNoTracking().Where(a => a.ClosedAt == null).OrderBy(a => a.Code).ToListAsync(ct);

    private async Task<List<StaffView>> ViewsAsync(List<Account> accounts, CancellationToken ct)
    {
        var orgIds = accounts.Select(a => a.OrganisationId).OfType<Guid>().Distinct().ToList();
        var names = await db.Set<Agency>().AsNoTracking().Where(a => orgIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        return accounts.Select(a => new StaffView(
            a.Id, a.Username, a.DisplayName, a.OrganisationId, a.OrganisationId is { } o ? names.GetValueOrDefault(o) : null,
            a.StaffNumber, a.Phone is { } p ? Masking.MaskPhone(p) : null, a.Disabled, a.PhotoKey is not null, a.MustChangePassword, a.CreatedAt,
            a.Roles.OrderBy(r => Roles.Staff.ToList().IndexOf(r.Role))
                .Select(r => new StaffRoleView(r.Role, RoleLabels.Of(r.Role), StaffFields.ScopeName(r.Scope), RoleLabels.Of(r.Scope))).ToList())).ToList();
    }
}
