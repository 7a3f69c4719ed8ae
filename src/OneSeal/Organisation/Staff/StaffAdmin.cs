using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;

namespace OneSeal.Organisation.Staff;

/// <summary>
/// The commands on staff accounts. Each is one transaction with its audit line (who, what, the roles before and after).
/// Role changes and disabling renew the account's security stamp, so its cookies and tokens end at their next request.
/// </summary>
public sealed class StaffAdmin(OneSealDb db, TimeProvider clock, Accounts.PasswordHashing passwords)
{
    private PasswordHasher<Account> Hasher => passwords.Hasher;

    public async Task<Account> CreateAsync(Actor actor, CreateStaffRequest request, CancellationToken ct)
    {
        StaffAccess.EnsureAdmin(actor);
        var errors = new Dictionary<string, string[]>();
        void Check(string field, string? problem) { if (problem is not null) errors[field] = [problem]; }
        Check("username", StaffFields.UsernameProblem(request.Username));
        Check("displayName", StaffFields.DisplayNameProblem(request.DisplayName));
        Check("staffNumber", StaffFields.StaffNumberProblem(request.StaffNumber));
        Check("phone", StaffFields.PhoneProblem(request.Phone));
        Check("password", StaffFields.PasswordProblem(request.Password, request.Username));
        var roles = (request.Roles ?? []).ToList();
        Check("roles", roles.Count == 0 ? "请至少选择一个角色。" : roles.Select(StaffFields.RoleProblem).FirstOrDefault(p => p is not null));
        if (errors.Count > 0) throw new InvalidInputsException(errors);
        var granted = roles.Select(r => r!).Distinct().ToList();
        EnsureGrantableOnCreation(granted);

        return await db.InTransactionAsync(async () =>
        {
            var account = NewAccount(StaffFields.Clean(request.Username)!, StaffFields.Clean(request.DisplayName)!, granted,
                StaffFields.Clean(request.StaffNumber), StaffFields.Clean(request.Phone));
            await EnsureFreeAsync(account.Username, account.StaffNumber, null, ct);
            account.OrganisationId = await OrganisationAsync(request.OrganisationId, granted, ct);
            account.PasswordHash = Hasher.HashPassword(account, request.Password!);
            db.Add(account);
            db.Audit(actor, "staff.created", "account", account.Id.ToString(), $"新建 {account.Username}（{account.DisplayName}），角色：{Describe(account.Roles)}", clock.Now());
            await db.CommitAsync(ct);
            return account;
        }, ct);
    }

    public async Task EditAsync(Actor actor, Guid id, EditStaffRequest request, CancellationToken ct)
    {
        StaffAccess.EnsureAdmin(actor);
        var errors = new Dictionary<string, string[]>();
        void Check(string field, string? problem) { if (problem is not null) errors[field] = [problem]; }
        Check("displayName", StaffFields.DisplayNameProblem(request.DisplayName));
        Check("staffNumber", StaffFields.StaffNumberProblem(request.StaffNumber));
        Check("phone", StaffFields.PhoneProblem(request.Phone));
        if (errors.Count > 0) throw new InvalidInputsException(errors);

        await db.InTransactionAsync(async () =>
        {
            var account = await LoadAsync(id, ct);
            var number = StaffFields.Clean(request.StaffNumber);
            await EnsureFreeAsync(null, number, account.Id, ct);
            var organisation = await OrganisationAsync(request.OrganisationId, account.Roles.Select(r => r.Role).ToList(), ct, account.OrganisationId);
            var before = $"{account.DisplayName}｜{account.OrganisationId}｜{account.StaffNumber}";
            account.DisplayName = StaffFields.Clean(request.DisplayName)!;
            account.StaffNumber = number;
            account.Phone = StaffFields.Clean(request.Phone);
            account.MoveTo(organisation);
            db.Audit(actor, "staff.edited", "account", account.Id.ToString(),
                $"修改 {account.Username}：{before} → {account.DisplayName}｜{account.OrganisationId}｜{account.StaffNumber}", clock.Now());
            await db.CommitAsync(ct);
        }, ct);
    }

    /// <summary>The security administrator sets the account's roles and their data scopes; the old sessions end.</summary>
    public async Task SetRolesAsync(Actor actor, Guid id, SetRolesRequest request, CancellationToken ct)
    {
        StaffAccess.EnsureSecurityAdmin(actor);
        StaffAccess.EnsureNotSelf(actor, id, "调整");
        var grants = new List<(string Role, DataScope Scope)>();
        var errors = new Dictionary<string, string[]>();
        foreach (var (g, i) in (request.Roles ?? []).Select((g, i) => (g, i)))
        {
            if (StaffFields.RoleProblem(g?.Role) is { } problem) { errors[$"roles[{i}].role"] = [problem]; continue; }
            if (StaffFields.ParseScope(g!.Scope) is not { } scope) { errors[$"roles[{i}].scope"] = ["数据范围应为 section、organisation、region 或 all。"]; continue; }
            if (grants.Any(x => x.Role == g.Role)) { errors[$"roles[{i}].role"] = [$"“{RoleLabels.Of(g.Role!)}”重复。"]; continue; }
            grants.Add((g.Role!, scope));
        }
        if (grants.Count == 0 && errors.Count == 0) errors["roles"] = ["请至少保留一个角色；不再使用的账号请停用。"];
        if (errors.Count > 0) throw new InvalidInputsException(errors);
        if (Roles.SeparationProblem(grants.Select(g => g.Role)) is { } separation) throw new ForbiddenException("separation-of-duties", separation);

        await db.InTransactionAsync(async () =>
        {
            var account = await LoadAsync(id, ct);
            var before = account.Roles.Select(r => r.Role).ToHashSet();
            var touchesAdministrators = Roles.Administrators.Any(r => before.Contains(r) || grants.Any(g => g.Role == r));
            if (touchesAdministrators && !before.SetEquals(grants.Select(g => g.Role)))
                throw new ForbiddenException("administrator-roles", "三员（系统管理员、安全管理员、安全审计员）的角色在创建账号时确定，不能通过角色调整授予或取消。");
            await OrganisationAsync(account.OrganisationId, grants.Select(g => g.Role).ToList(), ct);
            var previous = Describe(account.Roles);
            db.RemoveRange(account.Roles);
            account.SetRoles(grants);
            db.Audit(actor, "staff.roles-changed", "account", account.Id.ToString(),
                $"{account.Username} 角色：{previous} → {Describe(account.Roles)}", clock.Now());
            await db.CommitAsync(ct);
        }, ct);
    }

    public Task DisableAsync(Actor actor, Guid id, CancellationToken ct) => SetDisabledAsync(actor, id, true, ct);

    public Task EnableAsync(Actor actor, Guid id, CancellationToken ct) => SetDisabledAsync(actor, id, false, ct);

    /// <summary>Disabling ends every session at once (<see cref="Account.Disable"/>); doing what is already so changes nothing.</summary>
    private Task SetDisabledAsync(Actor actor, Guid id, bool disabled, CancellationToken ct)
    {
        StaffAccess.EnsureAdmin(actor);
        var verb = disabled ? "停用" : "重新启用";
        StaffAccess.EnsureNotSelf(actor, id, verb);
        return db.InTransactionAsync(async () =>
        {
            var account = await LoadAsync(id, ct);
            if (account.Disabled == disabled) return;
            if (disabled) account.Disable();
            else account.Enable();
            db.Audit(actor, disabled ? "staff.disabled" : "staff.enabled", "account", account.Id.ToString(),
                $"{verb} {account.Username}，角色：{Describe(account.Roles)}", clock.Now());
            await db.CommitAsync(ct);
        }, ct);
    }

    /// <summary>
    /// The system administrator gives business roles; of the administrators' roles only the security and the audit
    /// administrator, when the first system administrator creates them (the system administrator comes from --create-admin).
    /// </summary>
    public static void EnsureGrantableOnCreation(IReadOnlyCollection<string> roles)
    {
        if (Roles.SeparationProblem(roles) is { } separation) throw new ForbiddenException("separation-of-duties", separation);
        if (roles.Contains(Roles.Admin))
            throw new ForbiddenException("administrator-roles", "系统管理员账号只能在服务器上用 --create-admin 创建。");
    }

    internal Account NewAccount(string username, string displayName, IEnumerable<string> roles, string? staffNumber, string? phone)
    {
        var account = new Account
        {
            Id = Guid.NewGuid(), Username = username, DisplayName = displayName, Kind = AccountKind.Staff, PasswordHash = "",
            StaffNumber = staffNumber, Phone = phone, CreatedAt = clock.Now(),
        };
        account.SetRoles(roles);
        return account;
    }

    internal void SetInitialPassword(Account account, string password) => account.PasswordHash = Hasher.HashPassword(account, password);

    internal static string Describe(IEnumerable<AccountRole> roles) =>
        string.Join("、", roles.OrderBy(r => r.Role, StringComparer.Ordinal).Select(r => $"{RoleLabels.Of(r.Role)}（{RoleLabels.Of(r.Scope)}）")) is { Length: > 0 } s ? s : "无";

    private async Task<Account> LoadAsync(Guid id, CancellationToken ct) =>
        await db.Set<Account>().Include(a => a.Roles).FirstOrDefaultAsync(a => a.Id == id && a.Kind == AccountKind.Staff, ct)
        ?? throw new NotFoundException("工作人员账号不存在。");

    private async Task EnsureFreeAsync(string? username, string? staffNumber, Guid? self, CancellationToken ct)
    {
        if (username is not null && await db.Set<Account>().AnyAsync(a => a.Username == username, ct))
            throw new InvalidInputException("username", "taken", "该用户名已被使用。");
        if (staffNumber is not null && await db.Set<Account>().AnyAsync(a => a.StaffNumber == staffNumber && a.Id != self, ct))
            throw new InvalidInputException("staffNumber", "taken", "该工号已被其他工作人员使用。");
    }

    /// <summary>The organisation an account with <paramref name="roles"/> belongs to: required for business roles, open (not closed) when newly chosen.</summary>
    private async Task<Guid?> OrganisationAsync(Guid? id, IReadOnlyCollection<string> roles, CancellationToken ct, Guid? current = null)
    {
        if (id is not { } org)
        {
            if (roles.Any(r => !Roles.Administrators.Contains(r)))
                throw new InvalidInputException("organisationId", "required", "请选择所属机构。");
            return null;
        }
        var agency = await db.Set<Agency>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == org, ct)
            ?? throw new InvalidInputException("organisationId", "unknown-organisation", "所属机构不存在。");
        if (agency.ClosedAt is not null && org != current)
            throw new InvalidInputException("organisationId", "closed", $"“{agency.Name}”已撤销，不能再分配工作人员。");
        return org;
    }
}
