using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using OneSeal.Platform.Time;

namespace OneSeal.Notices;

/// <summary>
/// The canonical text an issuer signs for a notice: one line of JSON, keys in a fixed order, the date as yyyy-MM-dd,
/// the printed fields as [key, value] pairs in order, and the SHA-256 of the PDF. Stored beside the signature, so
/// verifying never depends on re-serialising.
/// </summary>
public static class NoticePayload
{
    public const string Format = "OneSeal.Notice.v1";
    public const string NumberKey = "文号";
    public const string PdfSha256Key = "pdfSha256";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    public static string Build(CaseNotice n, IReadOnlyList<KeyValuePair<string, string>> fields, string pdfSha256)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteString("文书名称", n.Title);
            w.WriteString("文书种类", n.Kind.ToString());
            w.WriteString(NumberKey, n.Number);
            w.WriteString("签发机关", n.IssuerName);
            w.WriteString("签发机关标识", n.IssuerOrganisationId.ToString());
            w.WriteString("签发日期", LegalDates.ToLegalDate(n.IssuedAt).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteString("受文对象", n.Addressee);
            w.WriteString("事项名称", n.ItemName);
            w.WriteString("办件编号", n.CaseNumber);
            w.WriteString("caseId", n.CaseId.ToString());
            w.WriteStartArray("内容");
            foreach (var (key, value) in fields)
            {
                w.WriteStartArray();
                w.WriteStringValue(key);
                w.WriteStringValue(value);
                w.WriteEndArray();
            }
            w.WriteEndArray();
            w.WriteString(PdfSha256Key, pdfSha256);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>One string field of a signed payload; null when absent or not a payload.</summary>
    public static string? Field(string? payload, string name) =>
        payload is null ? null : Seal.CertificatePayload.Field(payload, name);
}
