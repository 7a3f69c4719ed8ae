using System.Security.Cryptography;
using System.Text;

namespace OneSeal.Platform.Security;

/// <summary>
/// Keyed hashes (HMAC-SM3) of personal values that must be found again — an applicant's phone number and verified
/// identity code — so the database holds no value in clear and no plain hash a dictionary could reverse (an 18-digit ID
/// number has too little entropy; docs/decisions/0008-personal-data-at-rest.md). The key is one file in the keys folder
/// (<c>personal-data-lookup.key</c>, owner-only), created on first use; all instances must share the folder, and it
/// cannot be rotated without recomputing every stored hash, so back it up with the Data Protection keys.
/// </summary>
public sealed class LookupHash(string folder)
{
    private const string FileName = "personal-data-lookup.key";
    private readonly Lazy<byte[]> _key = new(() => LoadOrCreate(folder));

    /// <summary>64 hex characters; <paramref name="purpose"/> keeps a phone and an ID number with the same digits apart.</summary>
    public string Of(string purpose, string normalisedValue) =>
        Convert.ToHexStringLower(HmacSm3.Compute(_key.Value, Encoding.UTF8.GetBytes(purpose + "\u001f" + normalisedValue)));

    private static byte[] LoadOrCreate(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(folder);
            var temp = Path.Combine(folder, $".{Guid.NewGuid():N}.tmp");
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var stream = new FileStream(temp, options))
            using (var writer = new StreamWriter(stream))
                writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            // Another instance may have won the race: its key stays, ours is dropped.
            try { File.Move(temp, path, overwrite: false); }
            catch (IOException) { File.Delete(temp); }
        }
        return Convert.FromBase64String(File.ReadAllText(path).Trim());
    }
}
