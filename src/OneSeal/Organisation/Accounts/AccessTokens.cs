using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;

namespace OneSeal.Organisation.Accounts;

/// <summary>What <c>POST /api/v1/auth/token</c> and <c>/refresh</c> return.</summary>
public sealed record TokenResponse(string TokenType, string AccessToken, long ExpiresIn, string RefreshToken);

/// <summary>
/// Issues an access token (the framework's opaque bearer token, one hour) with a refresh token, and rotates the refresh
/// token on use. A refresh token works once; presenting a used one again means it was copied, so the account's
/// sessions all end (a new security stamp) and the holder signs in again.
/// </summary>
public sealed class AccessTokens(OneSealDb db, TimeProvider clock, IOptionsMonitor<BearerTokenOptions> bearer, SessionPrincipals principals)
{
    public static readonly TimeSpan RefreshTokenLifetime = TimeSpan.FromDays(7);

    public async Task<TokenResponse> IssueAsync(Account account, CancellationToken ct)
    {
        var now = clock.Now();
        var options = bearer.Get(AuthSetup.Bearer);
        var ticket = new AuthenticationTicket(await principals.PrincipalAsync(account, AuthSetup.Bearer, ct),
            new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + options.BearerTokenExpiration }, AuthSetup.Bearer);
        var refresh = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        db.Add(new RefreshToken
        {
            Id = Guid.NewGuid(), AccountId = account.Id, TokenHash = HashOf(refresh), SecurityStamp = account.SecurityStamp,
            CreatedAt = now, ExpiresAt = now + RefreshTokenLifetime,
        });
        await db.CommitAsync(ct);
        return new TokenResponse("Bearer", options.BearerTokenProtector.Protect(ticket), (long)options.BearerTokenExpiration.TotalSeconds, refresh);
    }

    /// <summary>New tokens for a refresh token that is unused, unexpired and of a live session; otherwise null.</summary>
    public async Task<TokenResponse?> RefreshAsync(string refreshToken, CancellationToken ct)
    {
        var now = clock.Now();
        var hash = HashOf(refreshToken);
        var stored = await db.Set<RefreshToken>().AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, ct);
        if (stored is null) return null;
        if (stored.UsedAt is not null)
        {
            await AccountSessions.EndAllAsync(db, stored.AccountId, null, "auth.refresh-token-reused", now, ct);
            return null;
        }
        var account = await db.Set<Account>().Include(a => a.Roles).FirstOrDefaultAsync(a => a.Id == stored.AccountId, ct);
        if (stored.ExpiresAt <= now || account is null || account.Disabled || account.SecurityStamp != stored.SecurityStamp) return null;
        // Marked used by one conditional UPDATE: of two concurrent refreshes with the same token, one wins.
        var claimed = await db.Set<RefreshToken>().Where(t => t.Id == stored.Id && t.UsedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.UsedAt, now), ct);
        return claimed == 1 ? await IssueAsync(account, ct) : null;
    }

    private static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
