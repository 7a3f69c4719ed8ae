using OneSeal.Cases.Materials;
using OneSeal.Platform.Http;

namespace OneSeal.Tests.Cases;

public class UploadRulesTests
{
    private static readonly byte[] Pdf = "%PDF-1.7\n"u8.ToArray();
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0];
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04, 0x14];

    [Theory]
    [InlineData("申请书.pdf", "application/pdf")]
    [InlineData("scan.PDF", "application/pdf")]
    public void A_pdf_whose_content_is_pdf_is_accepted(string name, string type) =>
        UploadRules.Check("file", name, 100, Pdf, UploadRules.DefaultMaxBytes).ShouldBe(type);

    [Fact]
    public void Images_and_ofd_are_accepted_by_their_signatures()
    {
        UploadRules.Check("file", "a.png", 10, Png, 1000).ShouldBe("image/png");
        UploadRules.Check("file", "a.jpg", 10, Jpeg, 1000).ShouldBe("image/jpeg");
        UploadRules.Check("file", "a.jpeg", 10, Jpeg, 1000).ShouldBe("image/jpeg");
        UploadRules.Check("file", "a.ofd", 10, Zip, 1000).ShouldBe("application/ofd");
    }

    [Fact]
    public void Extension_and_content_that_disagree_are_refused_naming_the_field()
    {
        var e = Should.Throw<InvalidInputException>(() => UploadRules.Check("file", "photo.pdf", 10, Png, 1000));
        e.Field.ShouldBe("file");
        e.Rule.ShouldBe("file-content-mismatch");
    }

    [Fact]
    public void Other_extensions_are_refused() =>
        Should.Throw<InvalidInputException>(() => UploadRules.Check("file", "run.exe", 10, Pdf, 1000)).Rule.ShouldBe("file-type");

    [Fact]
    public void A_file_over_the_limit_is_refused()
    {
        var e = Should.Throw<TooLargeException>(() => UploadRules.Check("file", "a.pdf", UploadRules.DefaultMaxBytes + 1, Pdf, UploadRules.DefaultMaxBytes));
        e.StatusCode.ShouldBe(413);
        e.Field.ShouldBe("file");
    }

    [Fact]
    public void An_empty_file_is_refused() =>
        Should.Throw<InvalidInputException>(() => UploadRules.Check("file", "a.pdf", 0, [], 1000)).Rule.ShouldBe("empty-file");
}
