using System.Net;
using System.Text;
using OneSeal.Documents;

namespace OneSeal.Notices;

/// <summary>
/// A4 HTML of a notice for <see cref="IPdfRenderer"/>, in the layout of an official written decision: the issuer and
/// the title, the number (文号) on the right, the addressee, the body (<see cref="NoticeText"/>), then the issuer line
/// and the date under the red seal, and a QR code to public verification. The body flows over as many pages as it
/// needs; the signature block is never split. Every value is HTML-encoded; the page is self-contained.
/// </summary>
public static class NoticeDocument
{
    public static string Html(NoticeSheet s)
    {
        var body = new StringBuilder();
        foreach (var block in NoticeText.Body(s))
        {
            switch (block)
            {
                case NoticeParagraph p:
                    body.Append("<p>").Append(E(p.Text)).Append("</p>\n");
                    break;
                case NoticeList l:
                    body.Append(l.ChineseNumerals ? "<ol class=\"points\">" : "<ol class=\"items\">");
                    for (var i = 0; i < l.Items.Count; i++)
                    {
                        var marker = l.ChineseNumerals ? NoticeText.ChineseNumeral(i + 1) + "、" : $"{i + 1}. ";
                        body.Append("<li><span class=\"marker\">").Append(marker).Append("</span>").Append(E(l.Items[i])).Append("</li>");
                    }
                    body.Append("</ol>\n");
                    break;
                case NoticeTable t:
                    body.Append(s.Kind == NoticeKind.DeliveryReceipt ? "<table class=\"receipt\"><tbody>" : "<table class=\"values\"><tbody>");
                    foreach (var (label, value) in t.Rows)
                        body.Append("<tr><th scope=\"row\">").Append(E(label)).Append("</th><td>").Append(E(value)).Append("</td></tr>");
                    body.Append("</tbody></table>\n");
                    break;
            }
        }

        var addressee = NoticeKinds.HasAddressee(s.Kind) ? $"<p class=\"to\">{E(s.Addressee)}：</p>" : "";
        return $$"""
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <title>{{E(s.Title)}} {{E(s.Number)}}</title>
            <style>
            @page { size: A4; margin: 20mm 22mm 16mm 24mm; }
            * { box-sizing: border-box; }
            html, body { margin: 0; padding: 0; }
            body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; color: #111; font-size: 14.5pt; line-height: 1.72; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
            header { text-align: center; margin-bottom: 2mm; }
            .org { font-size: 18pt; font-weight: 700; letter-spacing: 0.08em; }
            h1 { margin: 0; font-size: 21pt; font-weight: 700; letter-spacing: 0.06em; }
            .number { text-align: right; font-size: 12.5pt; margin: 1mm 0 1mm; }
            hr.rule { border: 0; border-top: 0.6mm solid #b40000; margin: 0 0 4mm; }
            p { margin: 0 0 1mm; text-indent: 2em; text-align: justify; }
            p.to { text-indent: 0; margin-bottom: 1mm; }
            ol { list-style: none; margin: 0 0 1.5mm; padding: 0 0 0 2em; }
            ol li { margin: 0; text-align: justify; }
            ol.items li { padding-left: 1.6em; text-indent: -1.6em; }
            ol.points li { padding-left: 2em; text-indent: -2em; }
            .marker { font-family: "Noto Sans CJK SC", sans-serif; font-size: 0.95em; }
            table { width: 100%; border-collapse: collapse; margin: 1mm 0 2mm; font-size: 13pt; line-height: 1.55; }
            table.values th { width: 30mm; text-align: left; font-weight: 700; padding: 1mm 4mm 1mm 2em; vertical-align: top; white-space: nowrap; }
            table.values td { padding: 1mm 0; vertical-align: top; overflow-wrap: anywhere; }
            table.receipt th, table.receipt td { border: 0.3mm solid #333; padding: 2mm 4mm; vertical-align: middle; }
            table.receipt th { width: 56mm; white-space: nowrap; text-align: center; font-weight: 700; background: #f6f3ee; }
            table.receipt td { height: 10mm; overflow-wrap: anywhere; }
            table.receipt tr:last-child td { height: 22mm; }
            .sign { position: relative; height: 42mm; margin-top: 6mm; break-inside: avoid; page-break-inside: avoid; }
            .qr { position: absolute; left: 0; bottom: 0; width: 28mm; text-align: center; font-size: 9pt; line-height: 1.4; }
            .qr img { display: block; width: 28mm; height: 28mm; }
            .issuer { position: absolute; right: 6mm; bottom: 4mm; text-align: center; line-height: 2; min-width: 64mm; }
            .issuer .seal { position: absolute; left: 50%; top: 50%; width: 40mm; height: 40mm; margin: -20mm 0 0 -20mm; opacity: 0.88; mix-blend-mode: multiply; }
            .note { margin-top: 3mm; padding-top: 1.5mm; border-top: 0.2mm solid #999; font-size: 8pt; line-height: 1.5; color: #555; text-indent: 0; word-break: break-all; }
            </style>
            </head>
            <body>
            <header>
            <div class="org">{{E(s.IssuerName)}}</div>
            <h1>{{E(s.Title)}}</h1>
            </header>
            <div class="number">{{E(s.Number)}}</div>
            <hr class="rule">
            {{addressee}}
            {{body}}<div class="sign">
            <div class="qr"><img src="{{QrCodes.SvgDataUri(s.VerifyUrl)}}" alt="核验二维码"><div>扫码核验</div></div>
            <div class="issuer">
            <div>{{E(s.IssuerName)}}</div>
            <div>{{NoticeText.Date(s.IssuedOn)}}</div>
            {{SealImage.Html(s.IssuerName, s.SealPng)}}
            </div>
            </div>
            <p class="note">本文书由{{E(s.IssuerName)}}以 SM2 电子签名签发，文号 {{E(s.Number)}}。可扫描二维码或访问 {{E(Uri.UnescapeDataString(s.VerifyUrl))}} 核验真伪。</p>
            </body>
            </html>
            """;
    }

    /// <summary>
    /// <see cref="Html"/>'s style sheet and body apart, for a page that shows the notice in the browser (the print view):
    /// the site's CSP allows no inline style, so the page links the sheet and embeds the same body.
    /// </summary>
    public static (string Css, string Body) Parts(NoticeSheet s)
    {
        var html = Html(s);
        return (Between(html, "<style>", "</style>"), Between(html, "<body>", "</body>"));
    }

    private static string Between(string html, string open, string close)
    {
        var start = html.IndexOf(open, StringComparison.Ordinal) + open.Length;
        return html[start..html.IndexOf(close, start, StringComparison.Ordinal)].Trim();
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
