using System.Buffers.Binary;
using OneSeal.Platform.Http;

namespace OneSeal.Seal.Administration;

/// <summary>
/// The impression uploaded for a seal: a PNG, known by its bytes (signature and IHDR header), not by its name or content
/// type, within size and dimension limits, so the page shows only what a browser draws as an image.
/// </summary>
public static class SealImage
{
    public const int MaxBytes = 512 * 1024;
    public const int MinSide = 32, MaxSide = 2048;

    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The image if it is an acceptable PNG; 400 (field <c>file</c>) naming what is wrong otherwise.</summary>
    public static byte[] Check(byte[] bytes)
    {
        if (bytes.Length == 0) throw new InvalidInputException("file", "required", "请上传印模图片（PNG）");
        if (bytes.Length > MaxBytes) throw new InvalidInputException("file", "max-size", $"印模图片不能超过 {MaxBytes / 1024} KB");
        // Signature, then the first chunk must be IHDR (length 13) with the width and height.
        if (bytes.Length < 33 || !bytes.AsSpan(0, 8).SequenceEqual(Signature)
            || BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(8)) != 13 || !bytes.AsSpan(12, 4).SequenceEqual("IHDR"u8))
            throw new InvalidInputException("file", "png", "印模图片必须是 PNG 格式");
        var width = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(16));
        var height = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(20));
        if (width is < MinSide or > MaxSide || height is < MinSide or > MaxSide)
            throw new InvalidInputException("file", "dimensions", $"印模图片的宽和高应在 {MinSide} 到 {MaxSide} 像素之间");
        return bytes;
    }
}
