namespace OneSeal.Platform.Storage;

/// <summary>Files (uploaded materials, issued PDFs) live outside the database; rows keep the key and SHA-256.</summary>
public interface IFileStore
{
    /// <summary>Writes the stream under a new key in <paramref name="folder"/>; returns the key, size and SHA-256 (lowercase hex).</summary>
    Task<StoredFile> SaveAsync(string folder, Stream content, CancellationToken ct);
    Stream OpenRead(string key);
    Task<byte[]> ReadAllBytesAsync(string key, CancellationToken ct);

    /// <summary>Every file under <paramref name="folder"/> (any depth, half-written ones included) with when it was last written.</summary>
    IEnumerable<StoredFileEntry> List(string folder);

    /// <summary>Removes the file; nothing happens when it is already gone.</summary>
    void Delete(string key);
}

public sealed record StoredFile(string Key, long SizeBytes, string Sha256);

public sealed record StoredFileEntry(string Key, DateTimeOffset WrittenAt);
