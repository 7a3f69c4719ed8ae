using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Storage;
using OneSeal.Platform.Time;

namespace OneSeal.Organisation.Staff;

/// <summary>
/// The staff photo shown on the window screen: PNG or JPEG, recognised by its first bytes (never by the name or the
/// declared type), at most 1 MB, kept in the file store under <c>staff-photos/</c>.
/// </summary>
public sealed class StaffPhotos(OneSealDb db, IFileStore files, TimeProvider clock)
{
    public const long MaxBytes = 1024 * 1024;
    public const string Folder = "staff-photos";

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];

    /// <summary>The image type of <paramref name="bytes"/>, or null when it is neither PNG nor JPEG.</summary>
    public static string? ContentTypeOf(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith(Png) ? "image/png" : bytes.StartsWith(Jpeg) ? "image/jpeg" : null;

    public async Task SetAsync(Actor actor, Guid id, Stream content, CancellationToken ct)
    {
        StaffAccess.EnsureAdmin(actor);
        var bytes = await ReadAsync(content, ct);
        var type = ContentTypeOf(bytes) ?? throw new InvalidInputException("file", "image-type", "照片须为 PNG 或 JPEG 图片。");
        var account = await db.Set<Account>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && a.Kind == AccountKind.Staff, ct)
            ?? throw new NotFoundException("工作人员账号不存在。");
        var stored = await files.SaveAsync(Folder, new MemoryStream(bytes), ct);
        string? old = null;
        try
        {
            await db.InTransactionAsync(async () =>
            {
                var row = await db.Set<Account>().FirstAsync(a => a.Id == account.Id, ct);
                old = row.PhotoKey;
                row.PhotoKey = stored.Key;
                row.PhotoContentType = type;
                db.Audit(actor, "staff.photo-set", "account", row.Id.ToString(), $"{row.Username} 照片 {type}，{stored.SizeBytes} 字节，SHA-256 {stored.Sha256}", clock.Now());
                await db.CommitAsync(ct);
            }, ct);
        }
        catch
        {
            files.Delete(stored.Key);
            throw;
        }
        if (old is not null) files.Delete(old);
    }

    /// <summary>The photo's bytes and type, or null when the account has none. Any staff member may see it (the window screen shows it to all).</summary>
    public async Task<(byte[] Bytes, string ContentType)?> GetAsync(Actor actor, Guid id, CancellationToken ct)
    {
        if (actor.Kind != AccountKind.Staff) throw new ForbiddenException("role", "只有工作人员可以查看工作人员照片。");
        return await PhotoOfAsync(await StaffAccountAsync(id, ct) ?? throw new NotFoundException("工作人员账号不存在。"), ct);
    }

    /// <summary>
    /// For the anonymous screen above a window: the photo of the staff member the queue shows serving there (the caller
    /// takes <paramref name="id"/> from that screen, never from the request). Null when there is none.
    /// </summary>
    public async Task<(byte[] Bytes, string ContentType)?> ForWindowScreenAsync(Guid id, CancellationToken ct) =>
        await StaffAccountAsync(id, ct) is { } account ? await PhotoOfAsync(account, ct) : null;

    private Task<Account?> StaffAccountAsync(Guid id, CancellationToken ct) =>
        db.Set<Account>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && a.Kind == AccountKind.Staff, ct);

    private async Task<(byte[] Bytes, string ContentType)?> PhotoOfAsync(Account account, CancellationToken ct) =>
        account.PhotoKey is { } key && account.PhotoContentType is { } type ? (await files.ReadAllBytesAsync(key, ct), type) : null;

    private static async Task<byte[]> ReadAsync(Stream content, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await content.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + n > MaxBytes) throw new TooLargeException("file", "照片不能超过 1 MB。");
            buffer.Write(chunk, 0, n);
        }
        if (buffer.Length == 0) throw new InvalidInputException("file", "required", "请选择照片文件。");
        return buffer.ToArray();
    }
}
