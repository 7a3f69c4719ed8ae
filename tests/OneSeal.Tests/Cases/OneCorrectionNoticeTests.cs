using OneSeal.Cases;
using OneSeal.Cases.Rules;
using OneSeal.Catalog;
using OneSeal.Platform.Http;
using Case = OneSeal.Cases.Case;

namespace OneSeal.Tests.Cases;

public class OneCorrectionNoticeTests
{
    private static readonly DateTimeOffset FirstNotice = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);
    private static readonly ItemMaterial[] Materials =
    [
        new() { Code = "M01", Name = "申请书" },
        new() { Code = "M02", Name = "营业执照" },
        new() { Code = "M03", Name = "场所平面图" },
    ];

    private static Case CaseWith(params (string Code, DateTimeOffset At)[] uploads)
    {
        var c = new Case { CaseNumber = "n", ItemCode = "i", ItemName = "i", ApplicantName = "a", FormJson = "{}" };
        c.Materials.AddRange(uploads.Select(u => new CaseMaterial { MaterialCode = u.Code, FileName = "f.pdf", ContentType = "application/pdf", Sha256 = "x", StorageKey = "k", UploadedAt = u.At }));
        return c;
    }

    [Fact]
    public void The_first_notice_may_list_anything()
    {
        OneCorrectionNotice.EnsureOnlyNewlySubmitted(CaseWith(), ["M01", "M02", "M03"], Materials);
    }

    [Fact]
    public void A_second_notice_may_concern_what_was_newly_submitted()
    {
        var c = CaseWith(("M01", FirstNotice.AddDays(-1)), ("M02", FirstNotice.AddDays(1)));
        c.RecordCorrectionRequest("[]", null, FirstNotice);
        OneCorrectionNotice.EnsureOnlyNewlySubmitted(c, ["M02"], Materials);
    }

    [Fact]
    public void A_second_notice_may_not_raise_a_material_the_first_should_have_listed()
    {
        var c = CaseWith(("M01", FirstNotice.AddDays(-1)), ("M02", FirstNotice.AddDays(1)));
        c.RecordCorrectionRequest("[]", null, FirstNotice);
        var e = Should.Throw<InvalidInputException>(() => OneCorrectionNotice.EnsureOnlyNewlySubmitted(c, ["M01", "M02"], Materials));
        e.Field.ShouldBe("missing");
        e.Rule.ShouldBe(OneCorrectionNotice.Rule);
        e.Message.ShouldContain("申请书");
        e.Message.ShouldNotContain("营业执照");
    }
}
