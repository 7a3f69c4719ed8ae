namespace OneSeal.Notices;

public sealed class NoticeOptions
{
    /// <summary><c>OneSeal:PublicBaseUrl</c>: the QR code leads to <c>{PublicBaseUrl}/verify/notice/{number}</c>.</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5080";
    /// <summary><c>Notices:NumberPrefix</c>: the bureau's short name before the kind's word in 文号 (青审受字〔2026〕第000012号).</summary>
    public string NumberPrefix { get; set; } = "青审";
    /// <summary>
    /// <c>Notices:ReconsiderationBody</c>: where to apply for 行政复议 (since 2024 the people's government at the issuer's level).
    /// Unset: derived from the issuer's name (青山县行政审批局 → 青山县人民政府).
    /// </summary>
    public string? ReconsiderationBody { get; set; }
    /// <summary><c>Notices:Court</c>: where to bring 行政诉讼. Unset: derived from the issuer's name (青山县人民法院).</summary>
    public string? Court { get; set; }

    public string VerifyUrl(string number) => $"{PublicBaseUrl.TrimEnd('/')}/verify/notice/{Uri.EscapeDataString(number)}";

    /// <summary>文号 of the <paramref name="sequence"/>th notice of <paramref name="kind"/> in <paramref name="year"/>.</summary>
    public string Number(NoticeKind kind, int year, long sequence) =>
        $"{NumberPrefix}{NoticeKinds.NumberWord(kind)}字〔{year:D4}〕第{sequence:D6}号";

    // [province or autonomous region] [city, prefecture or league] county, district, banner or county-level city.
    private static readonly System.Text.RegularExpressions.Regex Region = new(
        @"^(?:[\u4e00-\u9fff]+?(?:省|自治区))?(?:[\u4e00-\u9fff]+?(?:市|自治州|州|盟|地区))?[\u4e00-\u9fff]+?(?:县|区|旗|市)",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>The region in an issuer's name: 青山县行政审批局 → 青山县; 甲市乙区行政审批局 → 甲市乙区. Null when none.</summary>
    public static string? RegionOf(string issuerName)
    {
        var match = Region.Match(issuerName.Trim());
        return match.Success ? match.Value : null;
    }

    public string ReconsiderationBodyFor(string issuerName) =>
        ReconsiderationBody ?? (RegionOf(issuerName) is { } region ? $"{region}人民政府" : "本机关所属的本级人民政府");

    public string CourtFor(string issuerName) =>
        Court ?? (RegionOf(issuerName) is { } region ? $"{region}人民法院" : "有管辖权的人民法院");
}
