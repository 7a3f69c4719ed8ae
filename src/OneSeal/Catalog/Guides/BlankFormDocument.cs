using System.Text;

namespace OneSeal.Catalog.Guides;

/// <summary>
/// A4 HTML of a blank application form (空白申请表) for a material that has one: the item's name and code, a labelled
/// empty box for each field of the version's application form, then the applicant's signature and date lines.
/// </summary>
public static class BlankFormDocument
{
    public static string Html(CatalogQueries.ItemGuide g, ItemMaterial material)
    {
        var i = g.Item;
        var rows = new StringBuilder();
        foreach (var f in g.FormFields)
            rows.Append("<tr><th scope=\"row\">").Append(E(f.Label)).Append(f.Required ? "<span class=\"req\">*</span>" : "")
                .Append("</th><td class=\"box\"></td></tr>\n");
        return $$"""
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <title>{{E(material.Name)}}</title>
            <style>
            @page { size: A4; margin: 18mm 16mm; }
            body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 11pt; color: #111; }
            h1 { font-size: 18pt; text-align: center; margin: 0 0 2mm; }
            .sub { text-align: center; font-size: 10pt; color: #333; margin-bottom: 6mm; }
            table { width: 100%; border-collapse: collapse; }
            th, td { border: 0.3mm solid #222; padding: 2mm 3mm; text-align: left; vertical-align: middle; }
            th { width: 48mm; font-weight: 700; background: #f6f6f6; }
            td.box { height: 11mm; }
            .req { color: #8f1111; margin-left: 1mm; }
            .pledge { margin: 8mm 0 0; line-height: 1.8; }
            .sign { margin-top: 14mm; display: flex; justify-content: flex-end; gap: 18mm; }
            .sign div { min-width: 60mm; border-bottom: 0.3mm solid #222; padding-bottom: 1mm; }
            .foot { margin-top: 10mm; font-size: 9pt; color: #444; }
            </style>
            </head>
            <body>
            <h1>{{E(material.Name)}}</h1>
            <div class="sub">{{E(i.Name)}} · 事项编码 {{E(i.Code)}} · 第{{i.Version}}版</div>
            <table><tbody>
            {{rows}}</tbody></table>
            <p class="pledge">本人（单位）承诺所填内容及所附材料真实、合法、有效，并对其真实性负责。</p>
            <div class="sign"><div>申请人（签字或盖章）：</div><div>日期：　　年　　月　　日</div></div>
            <p class="foot">带 * 的为必填项。受理机关：{{E(g.ImplementingBody)}}　咨询电话：{{E(i.Phone ?? "—")}}</p>
            </body>
            </html>
            """;
    }

    private static string E(string s) => GuideDocument.E(s);
}
