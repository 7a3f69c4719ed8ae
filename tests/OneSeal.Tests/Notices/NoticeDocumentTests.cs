using Microsoft.Extensions.Logging.Abstractions;
using OneSeal.Documents;
using OneSeal.Notices;
using OneSeal.Tests.Documents;
using static OneSeal.Notices.NoticeFields;

namespace OneSeal.Tests.Notices;

/// <summary>Every kind through real Chromium: the PDF shows its title, number and the legal text the law asks of it.</summary>
public sealed class NoticeDocumentTests
{
    private static readonly IPdfRenderer Chromium = new ChromiumPdfRenderer(
        new PdfOptions { ChromiumPath = Environment.GetEnvironmentVariable("ONESEAL_CHROMIUM") ?? "/usr/bin/chromium" },
        NullLogger<ChromiumPdfRenderer>.Instance);

    private static readonly NoticeOptions Options = new() { PublicBaseUrl = "https://zwfw.example.gov.cn" };

    /// <summary>Typical fields of each kind, as a case transition would send them.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> SampleFields(NoticeKind kind) => kind switch
    {
        NoticeKind.Acceptance => [new(ApplicationDate, "2026-03-02"), new(TimeLimit, "10个工作日"), new(DueDate, "2026-03-16")],
        NoticeKind.CorrectionRequest =>
        [
            new(ApplicationDate, "2026-03-02"),
            new(Material, "营业执照复印件：未加盖申请人公章"),
            new(Material, "经营场所平面布局图：未标明操作间、库房的面积和功能分区"),
            new(Material, "法定代表人身份证明：身份证号码 360999199003071239 与申请表填写不一致"),
            new(CorrectionNote, "补正材料可通过政务服务网上传，也可以送至政务服务中心综合受理窗口。"),
        ],
        NoticeKind.Refusal => [new(ApplicationDate, "2026-03-02"), new(Reason, "该申请事项依法不属于本机关职权范围"), new(CompetentAgency, "青山县自然资源局")],
        NoticeKind.Suspension =>
        [
            new(AcceptanceDate, "2026-03-03"), new(Procedure, "现场核查和专家评审"), new(Reason, "申请项目涉及公共安全，需要组织专家对设计方案进行评审"),
            new(ExpectedDays, "8"), new(SuspendedOn, "2026-03-09"),
        ],
        NoticeKind.Resumption => [new(Procedure, "专家评审"), new(SuspendedOn, "2026-03-09"), new(ResumedOn, "2026-03-19"), new(PausedDays, "8"), new(DueDate, "2026-03-31")],
        NoticeKind.Extension => [new(AcceptanceDate, "2026-03-03"), new(Reason, "申请涉及多个经营场所，需要逐一现场核查"), new(ExtensionDays, "10"), new(DueDate, "2026-04-15")],
        NoticeKind.Approval =>
        [
            new(AcceptanceDate, "2026-03-03"), new(LicenceContent, "热食类食品制售；冷食类食品制售"), new(CertificateName, "食品经营许可证"),
            new(CertificateNumber, "QS2026-000123"), new(Validity, "2026年3月20日至2031年3月19日"),
        ],
        NoticeKind.Denial => [new(AcceptanceDate, "2026-03-03"), new(Reason, "经现场核查，经营场所距离暴露的垃圾场不足25米"), new(LegalBasis, "《食品经营许可和备案管理办法》第十条")],
        NoticeKind.DeliveryReceipt =>
        [
            new(DeliveredDocument, "准予行政许可决定书（青审准字〔2026〕第000007号）、食品经营许可证"),
            new(Recipient, "青山县味道餐饮管理有限公司"), new(DeliveryMode, "邮寄送达"), new(DeliveryDate, "2026-03-23"),
            new(TrackingNumber, "EMS 1187654321036"), new(DeliveryPlace, "青山县幸福路88号"),
        ],
        NoticeKind.Withdrawal => [new(WithdrawnOn, "2026-03-05"), new(Reason, "申请人决定变更经营场所后重新申请")],
        NoticeKind.Termination => [new(AcceptanceDate, "2026-03-03"), new(Reason, "申请人的营业执照已被依法吊销，申请主体资格已经丧失")],
        NoticeKind.FeeNotice =>
        [
            new(FeeItem, "城市道路占用费"), new(FeeAmount, "¥1,200.00"), new(FeeAmountInWords, "人民币壹仟贰佰元整"),
            new(PaymentCode, "36099926032000000016"), new(FeeBasis, "《城市道路管理条例》第三十七条"),
        ],
        // issue 13 — 撤销行政许可
        NoticeKind.Revocation => [new(Reason, "经监管部门核查，申请人告知承诺的经营条件不属实"), new(CertificateNumber, "QS2026-000123"), new(LicenceContent, "食品经营许可")],
        _ => [],
    };

    /// <summary>The sheet the render handler would print: fields as <see cref="NoticeFields.Validate"/> stores them (masked, dates normalised).</summary>
    public static NoticeSheet Sheet(NoticeKind kind) => new(
        kind, NoticeKinds.Title(kind), Options.Number(kind, 2026, 12), "青山县行政审批局", "青山县味道餐饮管理有限公司",
        "QS20260302-00001", "食品经营许可", new DateOnly(2026, 3, 20),
        NoticeFields.Validate(new NoticeRequest(Guid.NewGuid(), "QS20260302-00001", kind, Guid.NewGuid(), "青山县行政审批局",
            "青山县味道餐饮管理有限公司", "食品经营许可", SampleFields(kind), AddresseeIsOrganisation: true)),
        Options.VerifyUrl(Options.Number(kind, 2026, 12)), Options.ReconsiderationBodyFor("青山县行政审批局"), Options.CourtFor("青山县行政审批局"));

    /// <summary>Phrases each kind must print (compared without whitespace).</summary>
    private static string[] MustSay(NoticeKind kind) => kind switch
    {
        NoticeKind.Acceptance => ["予以受理", "第三十二条第一款第（五）项", "10个工作日内作出行政许可决定", "不计算在上述期限内"],
        NoticeKind.CorrectionRequest => ["一次性告知", "第三十二条第一款第（四）项", "1.营业执照复印件", "2.经营场所平面布局图", "3.法定代表人身份证明",
            "360999********1239", "补正材料不设期限", "即予受理"],
        NoticeKind.Refusal => ["决定不予受理", "青山县自然资源局", "六十日内", "行政复议", "六个月内", "行政诉讼", "青山县人民政府", "青山县人民法院"],
        NoticeKind.Suspension => ["第四十五条", "程序种类：现场核查和专家评审", "中止理由", "8个工作日", "不计算在本机关作出行政许可决定的期限内"],
        NoticeKind.Resumption => ["恢复审查", "2026年3月19日", "8个工作日", "2026年3月31日"],
        NoticeKind.Extension => ["第四十二条第一款", "本机关负责人批准", "延长10个工作日", "二十个工作日内", "申请涉及多个经营场所"],
        NoticeKind.Approval => ["决定准予行政许可", "第三十八条第一款", "食品经营许可证", "QS2026-000123", "十个工作日内", "第四十四条"],
        NoticeKind.Denial => ["决定不予行政许可", "第三十八条第二款", "不足25米", "行政复议", "六个月"],
        NoticeKind.DeliveryReceipt => ["送达方式", "邮寄送达", "2026年3月23日", "EMS1187654321036", "受送达人", "第四十四条"],
        NoticeKind.Withdrawal => ["2026年3月5日申请撤回", "确认该申请已经撤回"],
        NoticeKind.Termination => ["终止对该申请的审查", "行政复议", "六个月"],
        NoticeKind.FeeNotice => ["¥1,200.00", "人民币壹仟贰佰元整", "36099926032000000016", "集中收费窗口", "城市道路管理条例"],
        NoticeKind.Revocation => ["决定撤销该行政许可", "第六十九条", "QS2026-000123", "不属实", "行政复议", "六个月"],
        _ => [],
    };

    public static TheoryData<NoticeKind> Kinds() => new(NoticeKinds.All);

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Pdf_shows_title_number_and_legal_text(NoticeKind kind)
    {
        var sheet = Sheet(kind);
        var pdf = await Chromium.RenderAsync(NoticeDocument.Html(sheet), default);
        var text = string.Concat((await PdfTools.TextAsync(pdf)).Where(c => !char.IsWhiteSpace(c)));
        if (Environment.GetEnvironmentVariable("ONESEAL_NOTICE_PNG_DIR") is { Length: > 0 } dir)
        {
            Directory.CreateDirectory(dir);
            await File.WriteAllBytesAsync(Path.Combine(dir, $"{kind}.pdf"), pdf);
            await PdfTools.PngAsync(pdf, Path.Combine(dir, kind.ToString()), 60);
        }

        text.ShouldContain(NoticeKinds.Title(kind).Replace(" ", ""));
        text.ShouldContain(sheet.Number);
        text.ShouldContain("青山县行政审批局");
        text.ShouldContain("2026年3月20日");
        foreach (var phrase in MustSay(kind)) text.ShouldContain(phrase);
        if (NoticeKinds.GivesAppealRights(kind)) text.ShouldContain("行政复议");
        text.ShouldNotContain("360999199003071239");
        (await PdfTools.PageCountAsync(pdf)).ShouldBe(1);

    }
}
