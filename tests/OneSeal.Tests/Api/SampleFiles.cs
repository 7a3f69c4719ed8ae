using System.IO.Compression;
using System.Text;

namespace OneSeal.Tests.Api;

/// <summary>Small but real files for uploads: a valid one-page PDF (correct xref offsets) and a valid 1×1 PNG.</summary>
public static class SampleFiles
{
    /// <summary>A minimal, well-formed PDF 1.4 with one page that prints <paramref name="text"/> (ASCII).</summary>
    public static byte[] Pdf(string text = "OneSeal test material")
    {
        var safe = text.Replace("\\", "\\\\").Replace("(", "\\(").Replace(")", "\\)");
        var content = $"BT /F1 12 Tf 20 50 Td ({safe}) Tj ET";
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            $"<< /Length {content.Length} >>\nstream\n{content}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ];
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = pdf.Length;
        pdf.Append($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets) pdf.Append($"{offset:D10} 00000 n \n");
        pdf.Append($"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    /// <summary>A valid 1×1 RGB PNG (signature, IHDR, zlib IDAT, IEND, with CRCs).</summary>
    public static byte[] Png(byte r = 0xC0, byte g = 0x20, byte b = 0x20)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", [0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
        using (var raw = new MemoryStream())
        {
            using (var z = new ZLibStream(raw, CompressionLevel.Optimal, leaveOpen: true)) z.Write([0, r, g, b]);
            Chunk(png, "IDAT", raw.ToArray());
        }
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>Bytes that start like a Windows executable ("MZ").</summary>
    public static byte[] Exe() => [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00];

    /// <summary>A PDF padded with a comment to exactly <paramref name="size"/> bytes (still starts with %PDF-).</summary>
    public static byte[] PdfOfSize(int size)
    {
        var pdf = Pdf();
        if (size <= pdf.Length) throw new ArgumentOutOfRangeException(nameof(size));
        var padded = new byte[size];
        pdf.CopyTo(padded, 0);
        padded[pdf.Length] = (byte)'%';
        for (var i = pdf.Length + 1; i < size - 1; i++) padded[i] = (byte)'x';
        padded[size - 1] = (byte)'\n';
        return padded;
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var typeBytes = Encoding.ASCII.GetBytes(type);
        WriteBigEndian(png, (uint)data.Length);
        png.Write(typeBytes);
        png.Write(data);
        WriteBigEndian(png, Crc32([.. typeBytes, .. data]));
    }

    private static void WriteBigEndian(Stream s, uint v) => s.Write([(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v]);

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return crc ^ 0xFFFFFFFFu;
    }
}
