using System.Globalization;
using System.Net;
using System.Text;

namespace OneSeal.Documents;

/// <summary>
/// A4 HTML of a licence (行政许可证) for <see cref="IPdfRenderer"/>: title, number, holder, item, details,
/// validity, the issuer line under the red seal, and a QR code to the public verification page.
/// Every value is HTML-encoded; the page is self-contained (system CJK fonts, data: URIs).
/// </summary>
public static class CertificateDocument
{
    public static string Html(CertificateSheet s)
    {
        var rows = new StringBuilder();
        Row(rows, "持证主体", s.HolderName);
        Row(rows, s.HolderCodeLabel, s.HolderCodeMasked);
        Row(rows, "事项名称", s.ItemName); // not every result is a licence (公共服务 items issue 证 too)
        foreach (var (key, value) in s.Details) Row(rows, key, value);
        Row(rows, "有效期限", s.ValidUntil is { } until ? $"{Date(s.ValidFrom)} 至 {Date(until)}" : $"自 {Date(s.ValidFrom)} 起长期有效");

        return $$"""
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <title>{{E(s.Name)}} {{E(s.Number)}}</title>
            <style>
            @page { size: A4; margin: 0; }
            * { box-sizing: border-box; }
            html, body { margin: 0; padding: 0; }
            body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; color: #1a1a1a; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
            .page { position: relative; width: 210mm; height: 296mm; padding: 12mm; overflow: hidden; }
            .frame { position: relative; height: 100%; border: 2.2mm double #a8842c; padding: 2.5mm; }
            .inner { position: relative; height: 100%; border: 0.4mm solid #a8842c; padding: 16mm 18mm 12mm; }
            h1 { margin: 6mm 0 4mm; text-align: center; font-size: 30pt; font-weight: 700; letter-spacing: 0.25em; text-indent: 0.25em; color: #8f1111; }
            .number { text-align: center; font-size: 12pt; margin-bottom: 12mm; }
            .number span { font-family: "Noto Sans CJK SC", sans-serif; letter-spacing: 0.05em; }
            table.fields { width: 100%; border-collapse: collapse; font-size: 13pt; line-height: 1.6; }
            .fields th { width: 40mm; text-align: justify; text-align-last: justify; font-weight: 700; padding: 2.2mm 6mm 2.2mm 0; vertical-align: top; white-space: nowrap; }
            .fields td { padding: 2.2mm 0; border-bottom: 0.2mm solid #d8ccb0; vertical-align: top; word-break: break-all; }
            .bottom { position: absolute; left: 18mm; right: 18mm; bottom: 22mm; height: 52mm; }
            .qr { position: absolute; left: 0; bottom: 0; width: 34mm; text-align: center; font-size: 10pt; }
            .qr img { display: block; width: 34mm; height: 34mm; }
            .issuer { position: absolute; right: 4mm; bottom: 6mm; text-align: center; font-size: 13pt; line-height: 2; min-width: 70mm; }
            .issuer .seal { position: absolute; left: 50%; top: 50%; width: 42mm; height: 42mm; margin: -21mm 0 0 -21mm; opacity: 0.88; mix-blend-mode: multiply; }
            .note { position: absolute; left: 18mm; right: 18mm; bottom: 8mm; font-size: 8.5pt; color: #555; text-align: center; }
            </style>
            </head>
            <body>
            <div class="page"><div class="frame"><div class="inner">
            <h1>{{E(s.Name)}}</h1>
            <div class="number">编号：<span>{{E(s.Number)}}</span></div>
            <table class="fields"><tbody>
            {{rows}}</tbody></table>
            <div class="bottom">
            <div class="qr"><img src="{{QrCodes.SvgDataUri(s.VerifyUrl)}}" alt="核验二维码"><div>扫码核验</div></div>
            <div class="issuer">
            <div>发证机关：{{E(s.IssuerName)}}</div>
            <div>发证日期：{{Date(s.IssuedOn)}}</div>
            {{SealImage.Html(s.IssuerName, s.SealPng)}}
            </div>
            </div>
            <div class="note">本证照由{{E(s.IssuerName)}}以 SM2 电子签名签发，可扫描二维码或访问 {{E(s.VerifyUrl)}} 核验真伪。</div>
            </div></div></div>
            </body>
            </html>
            """;
    }

    public static string Date(DateOnly d) => d.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);

    private static void Row(StringBuilder rows, string label, string value) =>
        rows.Append("<tr><th scope=\"row\">").Append(E(label)).Append("</th><td>").Append(E(value)).Append("</td></tr>\n");

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
