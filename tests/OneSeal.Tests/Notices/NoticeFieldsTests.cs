using OneSeal.Notices;
using OneSeal.Platform.Http;
using static OneSeal.Notices.NoticeFields;

namespace OneSeal.Tests.Notices;

/// <summary>What a notice request must carry by kind, checked before anything is numbered or written.</summary>
public sealed class NoticeFieldsTests
{
    private static NoticeRequest Request(NoticeKind kind, params (string Key, string Value)[] fields) => new(
        Guid.NewGuid(), "QS20260302-00001", kind, Guid.NewGuid(), "青山县行政审批局", "张三", "食品经营许可",
        fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)).ToList(), AddresseeIsOrganisation: false);

    private static IReadOnlyDictionary<string, string[]> Errors(NoticeRequest r) =>
        Should.Throw<InvalidInputsException>(() => Validate(r)).Errors;

    [Theory]
    [InlineData(NoticeKind.Refusal, Reason)]
    [InlineData(NoticeKind.Denial, Reason)]
    [InlineData(NoticeKind.Termination, Reason)]
    [InlineData(NoticeKind.CorrectionRequest, Material)]
    [InlineData(NoticeKind.Suspension, Procedure)]
    [InlineData(NoticeKind.Suspension, ExpectedDays)]
    [InlineData(NoticeKind.Extension, ExtensionDays)]
    [InlineData(NoticeKind.DeliveryReceipt, DeliveryMode)]
    [InlineData(NoticeKind.DeliveryReceipt, Recipient)]
    public void Each_kind_names_what_it_is_missing(NoticeKind kind, string field) =>
        Errors(Request(kind)).Keys.ShouldContain($"fields.{field}");

    [Fact]
    public void Acceptance_and_withdrawal_need_nothing_more()
    {
        Validate(Request(NoticeKind.Acceptance)).ShouldBeEmpty();
        Validate(Request(NoticeKind.Withdrawal)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("10", null, true)]
    [InlineData("11", null, false)]
    [InlineData("15", "是", true)]
    [InlineData("16", "是", false)]
    [InlineData("0", null, false)]
    [InlineData("十", null, false)]
    public void Extension_is_at_most_ten_working_days_or_fifteen_for_joint_handling(string days, string? joint, bool ok)
    {
        var fields = new List<(string, string)> { (Reason, "需要现场核查"), (ExtensionDays, days) };
        if (joint is not null) fields.Add((JointHandling, joint));
        var r = Request(NoticeKind.Extension, [.. fields]);
        if (ok) Validate(r).ShouldContain(new KeyValuePair<string, string>(ExtensionDays, days));
        else Errors(r).Keys.ShouldContain($"fields.{ExtensionDays}");
    }

    [Fact]
    public void Delivery_by_post_needs_the_tracking_number()
    {
        var byPost = Request(NoticeKind.DeliveryReceipt, (DeliveryMode, "邮寄送达"), (DeliveryDate, "2026-03-23"), (Recipient, "张三"));
        Errors(byPost)[$"fields.{TrackingNumber}"].ShouldBe(["邮寄送达须写明邮寄单号"]);
        Validate(byPost with { Fields = [.. byPost.Fields, new(TrackingNumber, "1187654321036")] }).Count.ShouldBe(4);
    }

    [Fact]
    public void Dates_are_normalised_and_bad_ones_named()
    {
        Validate(Request(NoticeKind.Acceptance, (ApplicationDate, "2026年3月2日"))).ShouldBe([new(ApplicationDate, "2026-03-02")]);
        Errors(Request(NoticeKind.Acceptance, (ApplicationDate, "2026/13/40"))).Keys.ShouldContain($"fields.{ApplicationDate}");
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var r = Request(NoticeKind.Suspension, (ExpectedDays, "-3")) with { ApplicantName = " ", CaseId = Guid.Empty };
        Errors(r).Keys.ShouldBe(["caseId", "applicantName", $"fields.{Procedure}", $"fields.{Reason}", $"fields.{ExpectedDays}"], ignoreOrder: true);
    }

    [Theory]
    [InlineData("身份证号 360999199003071239 有误", "身份证号 360999********1239 有误")]
    [InlineData("11010519491231002x", "110105********002x")]
    [InlineData("统一社会信用代码91360999MA35QT8K7B", "统一社会信用代码913609********8K7B")]
    [InlineData("代码 91360999MA35QT8K7B。", "代码 913609********8K7B。")]
    [InlineData("编号X360999199003071239", "编号X360999199003071239")] // 19 characters: not an identity number
    [InlineData("单号 ABCDEFGHJKLMNPQRTU", "单号 ABCDEFGHJKLMNPQRTU")] // not a valid credit code
    public void Identity_numbers_are_masked_wherever_they_appear(string value, string stored) =>
        MaskIdentityNumbers(value).ShouldBe(stored);

    [Theory]
    [InlineData("青山县行政审批局", "青山县")]
    [InlineData("青山县市场监督管理局", "青山县")]
    [InlineData("呼和浩特市新城区行政审批和政务服务局", "呼和浩特市新城区")]
    [InlineData("某某市行政审批局", "某某市")]
    [InlineData("江西省某某市某某县行政审批局", "江西省某某市某某县")]
    [InlineData("行政审批局", null)]
    public void Appeal_bodies_follow_the_issuers_region(string issuer, string? region)
    {
        NoticeOptions.RegionOf(issuer).ShouldBe(region);
        var o = new NoticeOptions();
        o.ReconsiderationBodyFor(issuer).ShouldBe(region is null ? "本机关所属的本级人民政府" : region + "人民政府");
        o.CourtFor(issuer).ShouldBe(region is null ? "有管辖权的人民法院" : region + "人民法院");
        new NoticeOptions { ReconsiderationBody = "某某县人民政府", Court = "某某铁路运输法院" }.CourtFor(issuer).ShouldBe("某某铁路运输法院");
    }

    [Fact]
    public void Numbers_read_like_official_document_numbers()
    {
        var o = new NoticeOptions();
        o.Number(NoticeKind.Acceptance, 2026, 12).ShouldBe("青审受字〔2026〕第000012号");
        o.Number(NoticeKind.Denial, 2026, 7).ShouldBe("青审不准字〔2026〕第000007号");
        NoticeKinds.All.Select(k => NoticeKinds.NumberWord(k)).Distinct().Count().ShouldBe(NoticeKinds.All.Count);
        o.VerifyUrl("青审受字〔2026〕第000012号").ShouldStartWith("http://127.0.0.1:5080/verify/notice/%E9%9D%92");
    }

    [Fact]
    public void Refusal_denial_termination_and_revocation_carry_the_appeal_rights_and_nothing_else_does()
    {
        NoticeKinds.All.Where(NoticeKinds.GivesAppealRights).ShouldBe([NoticeKind.Refusal, NoticeKind.Denial, NoticeKind.Termination, NoticeKind.Revocation]);
        var rights = NoticeText.AppealRights("青山县人民政府", "青山县人民法院");
        rights.ShouldContain("六十日内向青山县人民政府申请行政复议");
        rights.ShouldContain("六个月内直接向青山县人民法院提起行政诉讼");
    }
}
