using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace OneSeal.Platform.Audit;

/// <summary>
/// The secret keys that sign audit anchors (HMAC-SM3), one file each in the keys folder beside the Data Protection keys
/// (<c>audit-anchor-{id}.key</c>, owner-only), never in the database: someone who can rewrite the database but not read
/// this folder cannot make a rewritten anchor chain verify (docs/decisions/0006-audit-chain-per-stream.md). New anchors are
/// signed with the newest key; an anchor names its key, so a key added later (rotation, or a second instance racing to
/// create the first) leaves older anchors verifiable. All instances must share the folder, as they do for Data Protection.
/// </summary>
public sealed class AuditKeys(string folder)
{
    private const string Prefix = "audit-anchor-";
    private const string Suffix = ".key";
    private readonly ConcurrentDictionary<string, byte[]> _loaded = new(StringComparer.Ordinal);

    public string Folder => folder;

    /// <summary>The id and secret of the key that signs new anchors, created on first use.</summary>
    public (string Id, byte[] Secret) Current()
    {
        var newest = KeyFiles().OrderByDescending(f => f.LastWriteTimeUtc).ThenBy(f => f.Name, StringComparer.Ordinal).FirstOrDefault();
        if (newest is null)
        {
            Create();
            return Current();
        }
        var id = IdOf(newest);
        return (id, Find(id)!);
    }

    /// <summary>True when no key exists yet (the first start after upgrading: existing anchors are then signed once).</summary>
    public bool IsEmpty => !KeyFiles().Any();

    /// <summary>The secret of key <paramref name="id"/>, or null when this server does not hold it.</summary>
    public byte[]? Find(string id)
    {
        if (_loaded.TryGetValue(id, out var secret)) return secret;
        if (id.Length != 16 || !id.All(char.IsAsciiHexDigitLower)) return null;
        var path = Path.Combine(folder, Prefix + id + Suffix);
        if (!File.Exists(path)) return null;
        secret = Convert.FromBase64String(File.ReadAllText(path).Trim());
        return _loaded.GetOrAdd(id, secret);
    }

    /// <summary>The anchor's signature: HMAC-SM3 over its hash (which covers the previous anchor, its time and its heads).</summary>
    public static string Sign(byte[] secret, string anchorHash)
    {
        var data = Encoding.UTF8.GetBytes("oneseal-audit-anchor\u001f" + anchorHash);
        return Convert.ToHexStringLower(Security.HmacSm3.Compute(secret, data));
    }

    public static bool Matches(byte[] secret, string anchorHash, string signature) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, anchorHash)), Encoding.ASCII.GetBytes(signature));

    private IEnumerable<FileInfo> KeyFiles() =>
        Directory.Exists(folder) ? new DirectoryInfo(folder).EnumerateFiles(Prefix + "*" + Suffix) : [];

    private static string IdOf(FileInfo f) => f.Name[Prefix.Length..^Suffix.Length];

    private void Create()
    {
        Directory.CreateDirectory(folder);
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var temp = Path.Combine(folder, $".{id}.tmp");
        // Written under a temporary name and moved into place, so no instance ever reads half a key.
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temp, options))
        using (var writer = new StreamWriter(stream))
            writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        File.Move(temp, Path.Combine(folder, Prefix + id + Suffix));
    }
}
