using OneSeal.Platform.Http;

namespace OneSeal.Cases.Materials;

/// <summary>
/// Accepted material files: PDF, JPEG, PNG and OFD (China's fixed-layout format, a ZIP container).
/// The extension and the content's signature must agree, so a renamed executable is refused.
/// </summary>
public static class UploadRules
{
    public const long DefaultMaxBytes = 20L * 1024 * 1024;
    public const int MaxFileNameLength = 255;

    private static string Size(long bytes) => bytes switch
    {
        >= 1024 * 1024 when bytes % (1024 * 1024) == 0 => $"{bytes / 1024 / 1024} MB",
        >= 1024 when bytes % 1024 == 0 => $"{bytes / 1024} KB",
        _ => $"{bytes} 字节",
    };

    private static readonly Dictionary<string, (string ContentType, byte[][] Signatures)> Allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = ("application/pdf", [[0x25, 0x50, 0x44, 0x46, 0x2D]]),
        [".jpg"] = ("image/jpeg", [[0xFF, 0xD8, 0xFF]]),
        [".jpeg"] = ("image/jpeg", [[0xFF, 0xD8, 0xFF]]),
        [".png"] = ("image/png", [[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]]),
        [".ofd"] = ("application/ofd", [[0x50, 0x4B, 0x03, 0x04]]),
    };

    /// <summary>Returns the content type to store, or throws naming the field.</summary>
    public static string Check(string field, string fileName, long length, ReadOnlySpan<byte> head, long maxBytes)
    {
        if (length <= 0) throw new InvalidInputException(field, "empty-file", "上传的文件是空的。");
        if (length > maxBytes)
            throw new TooLargeException(field, $"文件大小超过上限 {Size(maxBytes)}。");
        if (!TextRules.IsClean(fileName))
            throw new InvalidInputException(field, TextRules.InvalidCharacters, "文件名含有不允许的字符（空字符或不成对的代理项）。");
        if (Path.GetFileName(fileName).Length > MaxFileNameLength)
            throw new InvalidInputException(field, "file-name-length", $"文件名不能超过{MaxFileNameLength}个字符。");
        var ext = Path.GetExtension(fileName);
        if (!Allowed.TryGetValue(ext, out var kind))
            throw new InvalidInputException(field, "file-type", "只接受 PDF、JPEG、PNG、OFD 格式的文件。");
        var matches = false;
        foreach (var sig in kind.Signatures) matches |= head.StartsWith(sig);
        if (!matches)
            throw new InvalidInputException(field, "file-content-mismatch", $"文件扩展名“{ext}”与文件内容不符。");
        return kind.ContentType;
    }
}
