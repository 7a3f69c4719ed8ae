using System.Security.Claims;

namespace OneSeal.Platform.Security;

/// <summary>
/// Is a signed-in principal's session still good? Asked by <see cref="AuthSetup"/> on every authenticated request;
/// answered by the owner of accounts (Organisation), so the platform knows no account table.
/// </summary>
public interface ISessionCheck
{
    Task<bool> IsCurrentAsync(ClaimsPrincipal? user, CancellationToken ct);
}
