using System.Text;

namespace OneSeal.Catalog.Guides;

/// <summary>
/// A4 HTML of a blank application form (空白申请表) for a material that has one: the item's name and code, a labelled
/// empty box for each field of the version's application form, then the applicant's signature and date lines. With
/// <c>sample</c> it is the filled-in example (填写样例): every box holds a made-up value of the field's kind, and the page
/// is marked 样例 so it cannot pass for a real application.
/// </summary>
public static class BlankFormDocument
{
    public static string Html(CatalogQueries.ItemGuide g, ItemMaterial material, bool sample = false)
    {
        var i = g.Item;
        var rows = new StringBuilder();
        foreach (var f in g.FormFields)
            rows.Append("<tr><th scope=\"row\">").Append(E(f.Label)).Append(f.Required ? "<span class=\"req\">*</span>" : "")
                .Append("</th><td class=\"box\">").Append(sample ? E(SampleValue(f)) : "").Append("</td></tr>\n");
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
            .sample { text-align: center; color: #8f1111; font-weight: 700; margin: 0 0 2mm; }
            .mark { position: fixed; top: 40%; left: 0; right: 0; text-align: center; font-size: 110pt; color: rgba(143, 17, 17, 0.12); transform: rotate(-30deg); }
            </style>
            </head>
            <body>
            {{(sample ? "<div class=\"mark\" aria-hidden=\"true\">样例</div><p class=\"sample\">填写样例（仅供参考，内容均为虚构）</p>" : "")}}
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

    /// <summary>A made-up value of the field's kind; the identity numbers are the standards' own published examples.</summary>
    private static string SampleValue(ItemFormField f) => f.Type switch
    {
        FormFieldType.CitizenId => "11010519491231002X",   // GB 11643-1999's worked example
        FormFieldType.Uscc => "91350100M000100Y43",        // GB 32100-2015's worked example
        FormFieldType.Phone => "13800000000",
        FormFieldType.Date => "2026-01-05",
        FormFieldType.Number => "1",
        FormFieldType.Address => "青山县城关镇人民路1号",
        _ => $"（填写{f.Label}）",
    };

    private static string E(string s) => GuideDocument.E(s);
}
