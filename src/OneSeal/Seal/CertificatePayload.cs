using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OneSeal.Seal;

/// <summary>
/// The canonical text an issuer signs: one line of JSON, keys in a fixed order (GB/T 36901 metadata names),
/// dates as yyyy-MM-dd, Chinese left unescaped. The exact text is stored beside the signature, so verifying never
/// depends on re-serialising; the fixed form just lets outside systems rebuild it.
/// </summary>
public static class CertificatePayload
{
    public const string Format = "OneSeal.Certificate.v1";
    public const string PdfSha256Key = "pdfSha256";
    public const string NumberKey = "证照编号";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    public static string Build(Certificate c, string caseNumber)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteString("证照名称", c.Name);
            w.WriteString(NumberKey, c.Number);
            w.WriteString("证照类型代码", c.TypeCode);
            w.WriteString("颁发机构", c.IssuerName);
            w.WriteString("颁发机构代码", c.IssuerCode);
            w.WriteString("颁发日期", Date(c.IssuedOn));
            w.WriteString("持证主体", c.HolderName);
            w.WriteString("持证主体代码类型", c.HolderCodeType);
            w.WriteString("持证主体代码", c.HolderCodeMasked);
            w.WriteString("有效期起始日期", Date(c.ValidFrom));
            if (c.ValidUntil is { } until) w.WriteString("有效期截止日期", Date(until));
            else w.WriteNull("有效期截止日期");
            w.WriteString(PdfSha256Key, c.PdfSha256);
            w.WriteString("caseNumber", caseNumber);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Reads one string field of a signed payload; null when the text is not a payload or lacks the field.</summary>
    public static string? Field(string payload, string name)
    {
        try
        {
            using var doc = JsonDocument.Parse(payload);
            return doc.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
