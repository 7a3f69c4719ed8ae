namespace OneSeal.Platform.Storage;

/// <summary>Files (uploaded materials, issued PDFs) live outside the database; rows keep the key and SHA-256.</summary>
public interface IFileStore
{
    /// <summary>Writes the stream under a new key in <paramref name="folder"/>; returns the key, size and SHA-256 (lowercase hex).</summary>
    Task<StoredFile> SaveAsync(string folder, Stream content, CancellationToken ct);
    Stream OpenRead(string key);
    Task<byte[]> ReadAllBytesAsync(string key, CancellationToken ct);
}

public sealed record StoredFile(string Key, long SizeBytes, string Sha256);
