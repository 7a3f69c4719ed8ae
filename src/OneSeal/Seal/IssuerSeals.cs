using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Seal.Administration;

namespace OneSeal.Seal;

/// <summary>
/// The seal a notice or certificate is issued under: always the issuing organisation's own. A line department that
/// approves its items not transferred (三集中三到位) signs only under a seal the administrator registered for it (its
/// SM2 key and impression); without one the act is refused, never sealed in the bureau's name. The bureau's key is
/// still made on first use (<see cref="SealKeyStore"/>), as it was before seals were administered.
/// </summary>
public static class IssuerSeals
{
    public const string MissingRule = "seal-missing";

    /// <summary>409 <c>seal-missing</c> when <paramref name="kind"/> is a department without a registered seal.</summary>
    public static async Task EnsureAsync(OneSealDb db, Guid organisationId, OrganisationKind kind, string name, CancellationToken ct)
    {
        if (kind != OrganisationKind.Department) return;
        if (!await db.Set<OrganisationSeal>().AnyAsync(s => s.OrganisationId == organisationId, ct))
            throw new ConflictException(MissingRule,
                $"{name}尚未设置印章：部门办理的事项须以该部门自己的印章签发文书，不能使用行政审批局的印章。请系统管理员先在“印章管理”中为其设置印章。");
    }

    /// <summary>The impression the administrator uploaded for the organisation's seal; null draws the standard seal instead.</summary>
    public static Task<byte[]?> ImageAsync(OneSealDb db, Guid organisationId, CancellationToken ct) =>
        db.Set<OrganisationSeal>().AsNoTracking().Where(s => s.OrganisationId == organisationId).Select(s => s.ImagePng).FirstOrDefaultAsync(ct);
}
