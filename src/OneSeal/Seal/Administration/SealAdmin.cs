using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;

namespace OneSeal.Seal.Administration;

public sealed record SealKeyView(Guid Id, string Algorithm, string PublicKeyHex, DateTimeOffset CreatedAt, bool Active, DateTimeOffset? RetiredAt);

public sealed record SealView(Guid Id, Guid OrganisationId, string OrganisationName, string Name, Guid? CustodianAccountId,
    string? CustodianName, bool HasImage, DateTimeOffset? ImageUpdatedAt, DateTimeOffset CreatedAt, IReadOnlyList<SealKeyView> Keys)
{
    public SealKeyView? ActiveKey => Keys.FirstOrDefault(k => k.Active);
}

public sealed record SealUsageView(DateTimeOffset At, string DocumentKind, string DocumentNumber, string DocumentTitle, string? CaseNumber,
    Guid? DecidedById, string? DecidedByName, Guid SealKeyId);

public sealed record SealUsagePage(IReadOnlyList<SealUsageView> Rows, int Page, int PageSize, bool HasMore);

public sealed record CreateSealRequest(Guid? OrganisationId, string? Name, Guid? CustodianAccountId);

public sealed record CustodianRequest(Guid? AccountId);

/// <summary>An organisation that may hold a seal and has none yet (the create form's choices).</summary>
public sealed record SealCandidate(Guid Id, string Name);

/// <summary>
/// The system administrator keeps the seals: one per approving organisation (the bureau; each line department for the
/// items it still approves), its SM2 key created and rotated here (a retired key keeps verifying what it signed), the
/// impression and the custodian. Each command is one transaction with its audit line.
/// </summary>
public sealed class SealAdmin(OneSealDb db, SealKeyStore keys, TimeProvider clock)
{
    public const int UsagePageSize = 50;

    /// <summary>Organisations that approve and so hold a seal.</summary>
    private static readonly OrganisationKind[] Approving = [OrganisationKind.Bureau, OrganisationKind.Department];

    public static void Require(Actor actor)
    {
        if (!actor.Has(Roles.Admin)) throw new ForbiddenException("admin-only", "只有系统管理员可以管理印章。");
    }

    public async Task<IReadOnlyList<SealView>> ListAsync(Actor actor, CancellationToken ct)
    {
        Require(actor);
        var seals = await db.Set<OrganisationSeal>().AsNoTracking().ToListAsync(ct);
        return await ViewsAsync(seals, ct);
    }

    public async Task<SealView> GetAsync(Guid id, Actor actor, CancellationToken ct)
    {
        Require(actor);
        return (await ViewsAsync([await FindAsync(id, tracked: false, ct)], ct))[0];
    }

    public async Task<IReadOnlyList<SealCandidate>> CandidatesAsync(Actor actor, CancellationToken ct)
    {
        Require(actor);
        var taken = db.Set<OrganisationSeal>().Select(s => s.OrganisationId);
        return await db.Set<Agency>().AsNoTracking()
            .Where(a => Approving.Contains(a.Kind) && a.ClosedAt == null && !taken.Contains(a.Id))
            .OrderBy(a => a.Kind).ThenBy(a => a.Name)
            .Select(a => new SealCandidate(a.Id, a.Name)).ToListAsync(ct);
    }

    /// <summary>
    /// Registers the organisation's seal with an SM2 key: the key it already signs with (the first signature creates one)
    /// or a new one.
    /// </summary>
    public Task<SealView> CreateAsync(CreateSealRequest? body, Actor actor, CancellationToken ct) => db.InTransactionAsync(async () =>
    {
        Require(actor);
        var organisationId = body?.OrganisationId ?? throw new InvalidInputException("organisationId", "required", "请选择用印机构");
        var organisation = await db.Set<Agency>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == organisationId, ct)
            ?? throw new InvalidInputException("organisationId", "unknown-organisation", "机构不存在");
        if (!Approving.Contains(organisation.Kind))
            throw new InvalidInputException("organisationId", "not-approving", "只有行政审批局和实施审批的行政主管部门设置印章");
        if (organisation.ClosedAt is not null)
            throw new InvalidInputException("organisationId", "closed", "该机构已撤销，不能设置印章");
        var name = SealName(body!.Name, organisation.Name);
        if (await db.Set<OrganisationSeal>().AnyAsync(s => s.OrganisationId == organisationId, ct))
            throw new ConflictException("seal-exists", $"{organisation.Name}已设置印章，一个机构只有一枚印章");
        if (body.CustodianAccountId is { } custodian) await CheckCustodianAsync(custodian, ct);

        var now = clock.Now();
        var seal = new OrganisationSeal
        {
            Id = Guid.NewGuid(), OrganisationId = organisationId, Name = name, CustodianAccountId = body.CustodianAccountId, CreatedAt = now,
        };
        db.Add(seal);
        var adopted = await db.Set<SealKey>().AnyAsync(k => k.OrganisationId == organisationId && k.Active, ct);
        if (!adopted) db.Add(keys.NewKey(organisationId));
        db.Audit(actor, "seal.created", "seal", seal.Id.ToString(), $"{organisation.Name}：{name}" + (adopted ? "（沿用现有签名密钥）" : "（新建 SM2 密钥）"), now);
        await db.CommitAsync(ct);
        return await GetAsync(seal.Id, actor, ct);
    }, ct);

    /// <summary>A new SM2 key signs from now on; the old one is retired and keeps verifying what it signed.</summary>
    public Task<SealView> RotateAsync(Guid id, Actor actor, CancellationToken ct) => db.InTransactionAsync(async () =>
    {
        Require(actor);
        var seal = await FindAsync(id, tracked: false, ct);
        var now = clock.Now();
        // Retire first: at most one active key per organisation (unique index), and a second rotation racing this one
        // waits on the row, then finds no active key to retire and its insert is refused.
        var retired = await db.Set<SealKey>().Where(k => k.OrganisationId == seal.OrganisationId && k.Active)
            .ExecuteUpdateAsync(u => u.SetProperty(k => k.Active, false).SetProperty(k => k.RetiredAt, now), ct);
        var key = keys.NewKey(seal.OrganisationId);
        db.Add(key);
        db.Audit(actor, "seal.rotated", "seal", seal.Id.ToString(), $"{seal.Name}：启用新密钥，停用旧密钥 {retired} 个（旧密钥继续用于核验）", now);
        try
        {
            await db.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw new ConflictException("seal-rotating", "印章密钥正在被他人更换，请刷新后再试");
        }
        return await GetAsync(id, actor, ct);
    }, ct);

    public Task<SealView> SetImageAsync(Guid id, byte[] png, Actor actor, CancellationToken ct) => db.InTransactionAsync(async () =>
    {
        Require(actor);
        var image = SealImage.Check(png);
        var seal = await FindAsync(id, tracked: true, ct);
        var now = clock.Now();
        seal.ImagePng = image;
        seal.ImageUpdatedAt = now;
        db.Audit(actor, "seal.image-uploaded", "seal", seal.Id.ToString(), $"{seal.Name}：印模图片 {image.Length} 字节", now);
        await db.CommitAsync(ct);
        return await GetAsync(id, actor, ct);
    }, ct);

    public async Task<byte[]?> ImageAsync(Guid id, Actor actor, CancellationToken ct)
    {
        Require(actor);
        return (await FindAsync(id, tracked: false, ct)).ImagePng;
    }

    public Task<SealView> SetCustodianAsync(Guid id, CustodianRequest? body, Actor actor, CancellationToken ct) => db.InTransactionAsync(async () =>
    {
        Require(actor);
        var accountId = body?.AccountId ?? throw new InvalidInputException("accountId", "required", "请选择印章保管人");
        var name = await CheckCustodianAsync(accountId, ct);
        var seal = await FindAsync(id, tracked: true, ct);
        seal.CustodianAccountId = accountId;
        var now = clock.Now();
        db.Audit(actor, "seal.custodian-changed", "seal", seal.Id.ToString(), $"{seal.Name}：保管人 {name}", now);
        await db.CommitAsync(ct);
        return await GetAsync(id, actor, ct);
    }, ct);

    /// <summary>Staff who may keep a seal: enabled staff accounts, for the custodian choice.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> StaffAsync(Actor actor, CancellationToken ct)
    {
        Require(actor);
        var rows = await db.Set<Account>().AsNoTracking().Where(a => a.Kind == AccountKind.Staff && !a.Disabled)
            .OrderBy(a => a.DisplayName).Select(a => new { a.Id, a.DisplayName, a.Username }).ToListAsync(ct);
        return rows.Select(a => (a.Id, $"{a.DisplayName}（{a.Username}）")).ToList();
    }

    public async Task<SealUsagePage> UsageAsync(Guid id, int? page, Actor actor, CancellationToken ct)
    {
        Require(actor);
        var p = page ?? 1;
        if (p is < 1 or > 10_000) throw new InvalidInputException("page", "range", "页码应在 1 到 10000 之间");
        var seal = await FindAsync(id, tracked: false, ct);
        var rows = await (from u in db.Set<SealUsage>().AsNoTracking()
                          where u.OrganisationId == seal.OrganisationId
                          join a in db.Set<Account>() on u.DecidedById equals (Guid?)a.Id into deciders
                          from a in deciders.DefaultIfEmpty()
                          orderby u.At descending, u.Id
                          select new SealUsageView(u.At, u.DocumentKind, u.DocumentNumber, u.DocumentTitle, u.CaseNumber,
                              u.DecidedById, a == null ? null : a.DisplayName, u.SealKeyId))
            .Skip((p - 1) * UsagePageSize).Take(UsagePageSize + 1).ToListAsync(ct);
        return new SealUsagePage(rows.Take(UsagePageSize).ToList(), p, UsagePageSize, rows.Count > UsagePageSize);
    }

    private async Task<OrganisationSeal> FindAsync(Guid id, bool tracked, CancellationToken ct)
    {
        var seals = tracked ? db.Set<OrganisationSeal>() : db.Set<OrganisationSeal>().AsNoTracking();
        return await seals.SingleOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException("印章不存在");
    }

    private async Task<string> CheckCustodianAsync(Guid accountId, CancellationToken ct)
    {
        var account = await db.Set<Account>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == accountId, ct);
        if (account is null || account.Kind != AccountKind.Staff || account.Disabled)
            throw new InvalidInputException("custodianAccountId", "unknown-staff", "印章保管人须为在职工作人员账号");
        return account.DisplayName;
    }

    /// <summary>The seal's name when the administrator gives none: the organisation's approval seal (行政审批专用章).</summary>
    public static string DefaultName(string organisationName) => $"{organisationName}行政审批专用章";

    private static string SealName(string? name, string organisationName)
    {
        var n = string.IsNullOrWhiteSpace(name) ? DefaultName(organisationName) : name.Trim();
        if (n.Length > OrganisationSeal.MaxName) throw new InvalidInputException("name", "max-length", $"印章名称不能超过 {OrganisationSeal.MaxName} 个字符");
        if (n.Any(char.IsControl)) throw new InvalidInputException("name", "text", "印章名称不能包含控制字符");
        return n;
    }

    private async Task<List<SealView>> ViewsAsync(IReadOnlyList<OrganisationSeal> seals, CancellationToken ct)
    {
        var orgIds = seals.Select(s => s.OrganisationId).ToList();
        var custodianIds = seals.Where(s => s.CustodianAccountId is not null).Select(s => s.CustodianAccountId!.Value).ToList();
        var orgs = await db.Set<Agency>().AsNoTracking().Where(a => orgIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var people = await db.Set<Account>().AsNoTracking().Where(a => custodianIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.DisplayName, ct);
        var allKeys = await db.Set<SealKey>().AsNoTracking().Where(k => orgIds.Contains(k.OrganisationId)).ToListAsync(ct);
        return seals.OrderBy(s => orgs.GetValueOrDefault(s.OrganisationId), StringComparer.Ordinal).Select(s => new SealView(
            s.Id, s.OrganisationId, orgs.GetValueOrDefault(s.OrganisationId) ?? "", s.Name, s.CustodianAccountId,
            s.CustodianAccountId is { } c ? people.GetValueOrDefault(c) : null, s.ImagePng is not null, s.ImageUpdatedAt, s.CreatedAt,
            allKeys.Where(k => k.OrganisationId == s.OrganisationId).OrderByDescending(k => k.Active).ThenByDescending(k => k.CreatedAt)
                .Select(k => new SealKeyView(k.Id, k.Algorithm, k.PublicKeyHex, k.CreatedAt, k.Active, k.RetiredAt)).ToList())).ToList();
    }
}
