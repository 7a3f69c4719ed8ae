using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OneSeal.Hall;
using OneSeal.Organisation;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;

namespace OneSeal.Ratings;

public sealed record PairingCode(Guid WindowId, string WindowNumber, string Code, DateTimeOffset ExpiresAt);
public sealed record PairInput(string? Code);
public sealed record PairedDevice(string Secret, string WindowNumber, string WindowName);

/// <summary>
/// Pairs a tablet to a window as its rating device (评价器): the window chief asks for a code, the tablet sends it once
/// and receives the device secret it keeps. The code is eight digits, lives ten minutes and works once; pairing revokes
/// the window's earlier devices.
/// </summary>
public sealed class RatingDevices(OneSealDb db, WindowQueries windows, TimeProvider clock)
{
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(10);
    /// <summary>The header a device sends its secret in (the tablet keeps it in its local storage).</summary>
    public const string Header = "X-Rating-Device";

    public async Task<PairingCode> StartAsync(Actor actor, Guid windowId, CancellationToken ct)
    {
        if (!actor.Has(Roles.WindowChief)) throw new ForbiddenException("window-chief-only", "只有窗口负责人可以为窗口配对评价器。");
        return await db.InTransactionAsync(async () =>
        {
            var window = await windows.OpenAsync(windowId, ct) ?? throw new NotFoundException("窗口不存在或已撤销。");
            var now = clock.Now();
            var code = RandomNumberGenerator.GetInt32(0, 100_000_000).ToString("D8");
            db.Add(new RatingDevice
            {
                Id = Guid.NewGuid(), WindowId = window.Id, SecretHash = Hash("pair:" + code), CreatedAt = now, CreatedById = actor.Id,
                CodeExpiresAt = now + CodeLifetime,
            });
            db.Audit(actor, "rating-device.code", "window", window.Id.ToString(), $"{window.Number} 窗口评价器配对码已生成（10 分钟内有效）", now);
            await db.CommitAsync(ct);
            return new PairingCode(window.Id, window.Number, code, now + CodeLifetime);
        }, ct);
    }

    public async Task<PairedDevice> PairAsync(PairInput? input, CancellationToken ct)
    {
        var code = input?.Code?.Trim();
        if (code is null || code.Length != 8 || !code.All(char.IsAsciiDigit))
            throw new InvalidInputException("code", "pairing-code", "配对码是窗口负责人出示的 8 位数字。");
        return await db.InTransactionAsync(async () =>
        {
            var now = clock.Now();
            var hash = Hash("pair:" + code);
            var device = await db.Set<RatingDevice>().FirstOrDefaultAsync(d => d.SecretHash == hash && !d.Paired && d.RevokedAt == null, ct);
            if (device is null || device.CodeExpiresAt < now)
                throw new InvalidInputException("code", "pairing-code", "配对码无效或已过期，请窗口负责人重新生成。");
            var window = await windows.OpenAsync(device.WindowId, ct)
                ?? throw new InvalidInputException("code", "pairing-code", "配对码所属的窗口已撤销。");
            foreach (var old in await db.Set<RatingDevice>().Where(d => d.WindowId == device.WindowId && d.Id != device.Id && d.RevokedAt == null).ToListAsync(ct))
                old.RevokedAt = now;
            var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            device.SecretHash = Hash(secret);
            device.Paired = true;
            device.PairedAt = now;
            device.CodeExpiresAt = null;
            db.Audit(null, "rating-device.paired", "window", window.Id.ToString(), $"{window.Number} 窗口评价器已配对", now);
            await db.CommitAsync(ct);
            return new PairedDevice(secret, window.Number, window.Name);
        }, ct);
    }

    /// <summary>The paired, unrevoked device holding this secret, with its window; null for anything else.</summary>
    public async Task<(RatingDevice Device, OpenWindow Window)?> FindAsync(string? secret, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length > 64) return null;
        var hash = Hash(secret);
        var device = await db.Set<RatingDevice>().AsNoTracking().FirstOrDefaultAsync(d => d.SecretHash == hash && d.Paired && d.RevokedAt == null, ct);
        return device is not null && await windows.OpenAsync(device.WindowId, ct) is { } window ? (device, window) : null;
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
