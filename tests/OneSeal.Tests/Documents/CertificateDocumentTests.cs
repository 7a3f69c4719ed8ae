using OneSeal.Documents;

namespace OneSeal.Tests.Documents;

public class CertificateDocumentTests
{
    private static CertificateSheet Sheet(string holderName = "张三", string itemName = "食品经营许可",
        IReadOnlyList<KeyValuePair<string, string>>? details = null, DateOnly? validUntil = null) => new(
        "食品经营许可证", "QS2026-000123", holderName, "111", "110105********002X", itemName,
        details ?? [new("经营场所", "青山县幸福路88号")], "青山县行政审批局",
        new DateOnly(2026, 11, 21), new DateOnly(2026, 11, 21), validUntil,
        "https://zwfw.example.gov.cn/verify/QS2026-000123");

    [Fact]
    public void Page_is_simplified_chinese_with_noto_cjk_fonts()
    {
        var html = CertificateDocument.Html(Sheet());
        html.ShouldContain("<html lang=\"zh-CN\">");
        html.ShouldContain("\"Noto Serif CJK SC\", \"Noto Sans CJK SC\"");
        html.ShouldContain("size: A4");
    }

    [Fact]
    public void Every_value_is_html_encoded()
    {
        var html = CertificateDocument.Html(Sheet(
            holderName: "<script>alert(1)</script>",
            itemName: "A & B \"许可\"",
            details: [new("<b>键</b>", "<img src=x onerror=alert(1)>")]));
        html.ShouldNotContain("<script>");
        html.ShouldNotContain("<img src=x");
        html.ShouldNotContain("<b>键</b>");
        html.ShouldContain("&lt;script&gt;alert(1)&lt;/script&gt;");
        html.ShouldContain("A &amp; B &quot;许可&quot;");
    }

    [Fact]
    public void Shows_the_masked_code_under_the_label_for_its_type()
    {
        var html = CertificateDocument.Html(Sheet());
        html.ShouldContain("公民身份号码");
        html.ShouldContain("110105********002X");
    }

    [Fact]
    public void Has_the_seal_with_the_issuer_on_the_upper_arc_and_a_qr_code_to_verify()
    {
        var html = CertificateDocument.Html(Sheet());
        html.ShouldContain("<textPath");
        html.ShouldContain(">青山县行政审批局</textPath>");
        html.ShouldContain("行政审批专用章");
        html.ShouldContain("src=\"data:image/svg+xml;base64,");
        html.ShouldContain("扫码核验");
        System.Text.RegularExpressions.Regex.IsMatch(html, "(src|href)\\s*=\\s*\"(https?:)?//|@import|url\\(").ShouldBeFalse("no network resources");
    }

    [Fact]
    public void Validity_reads_as_a_range_or_as_long_term()
    {
        CertificateDocument.Html(Sheet(validUntil: new DateOnly(2031, 11, 20))).ShouldContain("2026年11月21日 至 2031年11月20日");
        CertificateDocument.Html(Sheet(validUntil: null)).ShouldContain("自 2026年11月21日 起长期有效");
    }

    [Theory]
    [InlineData("青山县行政审批局")]
    [InlineData("内蒙古自治区呼和浩特市新城区行政审批和政务服务局")]
    [InlineData("局")]
    public void Seal_type_shrinks_for_long_names_but_stays_legible(string name)
    {
        var svg = SealImage.Svg(name);
        var size = double.Parse(System.Text.RegularExpressions.Regex.Match(svg, "<text font-size=\"([0-9.]+)\"").Groups[1].Value,
            System.Globalization.CultureInfo.InvariantCulture);
        size.ShouldBeInRange(12, 26);
    }

    [Fact]
    public void Qr_code_is_an_svg_data_uri()
    {
        var uri = QrCodes.SvgDataUri("https://zwfw.example.gov.cn/verify/QS2026-000123");
        uri.ShouldStartWith("data:image/svg+xml;base64,");
        System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(uri["data:image/svg+xml;base64,".Length..])).ShouldContain("<svg");
    }
}
