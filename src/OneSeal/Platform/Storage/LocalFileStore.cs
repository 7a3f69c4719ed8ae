using System.Security.Cryptography;

namespace OneSeal.Platform.Storage;

/// <summary>Keeps files under <c>Storage:Root</c> (default <c>./data/files</c>); write to a temp name, then move, so a key never points at half a file.</summary>
public sealed class LocalFileStore(string root) : IFileStore
{
    public async Task<StoredFile> SaveAsync(string folder, Stream content, CancellationToken ct)
    {
        var key = $"{folder}/{Guid.NewGuid():N}";
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".part";
        long size;
        byte[] hash;
        await using (var file = File.Create(temp))
        using (var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            var buffer = new byte[81920];
            int read;
            size = 0;
            while ((read = await content.ReadAsync(buffer, ct)) > 0)
            {
                sha.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), ct);
                size += read;
            }
            hash = sha.GetHashAndReset();
        }
        File.Move(temp, path);
        return new StoredFile(key, size, Convert.ToHexStringLower(hash));
    }

    public Stream OpenRead(string key) => File.OpenRead(PathOf(key));

    public Task<byte[]> ReadAllBytesAsync(string key, CancellationToken ct) => File.ReadAllBytesAsync(PathOf(key), ct);

    public IEnumerable<StoredFileEntry> List(string folder)
    {
        var path = PathOf(folder);
        if (!Directory.Exists(path)) yield break;
        foreach (var file in new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories))
            yield return new StoredFileEntry(Path.GetRelativePath(root, file.FullName).Replace(Path.DirectorySeparatorChar, '/'), file.LastWriteTimeUtc);
    }

    public void Delete(string key) => File.Delete(PathOf(key));

    private string PathOf(string key)
    {
        if (key.Contains("..", StringComparison.Ordinal) || Path.IsPathRooted(key))
            throw new ArgumentException("invalid storage key", nameof(key));
        return Path.Combine(root, key);
    }
}
