using System.Globalization;
using System.Net;
using System.Text;

namespace OneSeal.Catalog.Guides;

/// <summary>
/// A4 HTML of the printable service guide (办事指南) of one published version, for the Chromium renderer: every element,
/// the materials table and the process. Only what belongs to the version is printed (not which sub-items exist today),
/// so the PDF can be rendered once per version. Every value is HTML-encoded.
/// </summary>
public static class GuideDocument
{
    public static string Html(CatalogQueries.ItemGuide g)
    {
        var i = g.Item;
        var basic = new StringBuilder();
        Row(basic, "实施编码", i.Code);
        Row(basic, "基本编码", i.BasicCode);
        if (i.ParentCode is not null) Row(basic, "所属主项", i.ParentCode);
        Row(basic, "事项类别", i.Category);
        Row(basic, "服务对象", ItemLabels.Of(i.ServiceObject));
        Row(basic, "行使层级", GuideLabels.Of(i.Level));
        Row(basic, "办件类型", ItemLabels.Of(i.Kind));
        Row(basic, "主管部门", g.CompetentDepartment);
        Row(basic, "实施主体", g.ImplementingBody);
        if (g.EntrustedBody is not null) Row(basic, "受委托组织", g.EntrustedBody);
        if (g.JointDepartments.Count > 0) Row(basic, "联办部门", string.Join("、", g.JointDepartments));
        Row(basic, "监管部门", g.SupervisingDepartment);
        Row(basic, "法定办结时限", GuideLabels.Days(i.StatutoryDays));
        Row(basic, "承诺办结时限", GuideLabels.Days(i.PromisedDays));
        Row(basic, "收费", GuideLabels.Fee(i) + Suffix("收费标准", i.FeeStandard) + Suffix("收费依据", i.FeeBasis));
        Row(basic, "跑动次数", $"{i.Visits} 次");
        Row(basic, "网办深度", GuideLabels.OnlineDepth(i.OnlineDepth));
        Row(basic, "预约办理", i.Appointment ? "支持" : "不支持");
        Row(basic, "结果物流送达", i.ResultByPost ? "支持" : "不支持");
        Row(basic, "通办范围", GuideLabels.Of(i.Tongban));
        Row(basic, "审批结果", i.ResultName + Suffix("样本", i.ResultSample));
        Row(basic, "结果有效期", i.ResultValidityYears is { } y ? $"{y} 年" : "长期有效");
        Row(basic, "中介服务", i.IntermediaryServices ?? "无");
        if (i.CommitmentApproval) Row(basic, "告知承诺制", "可实行告知承诺审批");
        Row(basic, "办理窗口", i.Window ?? "—");
        Row(basic, "咨询电话", i.Phone ?? "—");
        Row(basic, "投诉电话", i.ComplaintPhone ?? "—");
        if (g.Themes.Count > 0) Row(basic, "主题", string.Join("、", g.Themes.Select(t => t.Name)));

        var materials = new StringBuilder();
        var n = 0;
        foreach (var m in g.Materials)
        {
            n++;
            var type = m.MaterialTypeCode is { } code && g.MaterialTypes.TryGetValue(code, out var name) ? name : "—";
            materials.Append("<tr><td>").Append(n.ToString(CultureInfo.InvariantCulture)).Append("</td><td>").Append(E(m.Name))
                .Append(m.Description is null ? "" : "<div class=\"note\">" + E(m.Description) + "</div>")
                .Append("</td><td>").Append(E(GuideLabels.Of(m.Source))).Append("</td><td>").Append(E(type))
                .Append("</td><td>").Append(E(GuideLabels.Of(m.Form))).Append("</td><td>").Append(m.Copies.ToString(CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(m.Required ? "必交" : "选交").Append(m.Tolerable ? "，可容缺" : "")
                .Append("</td><td>").Append(E(m.LegalBasis ?? "—")).Append("</td></tr>\n");
        }

        var steps = new StringBuilder();
        foreach (var s in g.Steps)
            steps.Append("<tr><td>").Append(E(ItemLabels.Of(s.Kind))).Append("</td><td>")
                .Append(s.StopsClock ? "所需时间不计入办理时限" : $"承诺时限的 {s.SharePercent}%").Append("</td></tr>\n");

        var version = i.EffectiveFrom is { } from ? GuideLabels.VersionSince(i.Version, from) : $"第{i.Version}版";
        return $$"""
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <title>{{E(i.Name)}} 办事指南</title>
            <style>
            @page { size: A4; margin: 16mm 15mm; }
            body { font-family: "Noto Sans CJK SC", "Noto Serif CJK SC", sans-serif; font-size: 10.5pt; color: #1a1a1a; line-height: 1.55; }
            h1 { font-size: 19pt; text-align: center; margin: 0 0 2mm; }
            .sub { text-align: center; color: #444; margin-bottom: 6mm; }
            h2 { font-size: 13pt; border-bottom: 0.4mm solid #8f1111; padding-bottom: 1mm; margin: 6mm 0 2mm; }
            table { width: 100%; border-collapse: collapse; }
            th, td { border: 0.2mm solid #999; padding: 1.4mm 2mm; vertical-align: top; text-align: left; word-break: break-all; }
            table.kv th { width: 32mm; background: #f3f0ea; font-weight: 700; }
            table.list th { background: #f3f0ea; }
            tr { page-break-inside: avoid; }
            .note { color: #555; font-size: 9pt; }
            .prose { white-space: pre-wrap; margin: 0; }
            </style>
            </head>
            <body>
            <h1>{{E(i.Name)}}</h1>
            <div class="sub">办事指南 · 事项编码 {{E(i.Code)}} · {{E(version)}}</div>
            <h2>基本信息</h2>
            <table class="kv"><tbody>
            {{basic}}</tbody></table>
            <h2>设定依据</h2>
            <p class="prose">{{E(i.LegalBasis)}}</p>
            {{(i.LegalBasisText is null ? "" : "<p class=\"prose note\">" + E(i.LegalBasisText) + "</p>")}}
            <h2>受理条件</h2>
            <p class="prose">{{E(i.Conditions)}}</p>
            <h2>申请材料</h2>
            <table class="list"><thead><tr><th>序号</th><th>材料名称</th><th>来源</th><th>材料类型</th><th>形式</th><th>份数</th><th>要求</th><th>依据</th></tr></thead>
            <tbody>
            {{materials}}</tbody></table>
            <h2>办理流程</h2>
            <table class="list"><thead><tr><th>环节</th><th>时限</th></tr></thead><tbody>
            {{steps}}</tbody></table>
            {{(i.ChangeNote is null ? "" : "<h2>本版变更说明</h2><p class=\"prose\">" + E(i.ChangeNote) + "</p>")}}
            </body>
            </html>
            """;
    }

    private static string Suffix(string label, string? value) => string.IsNullOrWhiteSpace(value) ? "" : $"；{label}：{value}";

    private static void Row(StringBuilder rows, string label, string value) =>
        rows.Append("<tr><th scope=\"row\">").Append(E(label)).Append("</th><td>").Append(E(value)).Append("</td></tr>\n");

    internal static string E(string s) => WebUtility.HtmlEncode(s);
}
