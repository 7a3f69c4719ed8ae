using System.Net;
using Microsoft.EntityFrameworkCore;
using OneSeal.Catalog.Guides;
using OneSeal.Platform.Database;
using OneSeal.Tests.Api;
using OneSeal.Tests.Documents;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Catalog.Guides;

/// <summary>
/// The printable guide and blank form through the real Chromium renderer: the PDF's text (pdftotext) has the item, its
/// version and materials; the second request serves the stored bytes (one row per version and document).
/// </summary>
public abstract class GuidePdfTests(OneSealFactory app) : ApiTestBase(app)
{
    private const string FoodBusiness = "QS-XK-003";

    private async Task<byte[]> PdfAsync(string url)
    {
        using var response = await Anonymous().GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/pdf");
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static string Flat(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    [Fact]
    public async Task The_guide_pdf_has_the_name_version_and_materials_and_is_rendered_once()
    {
        var pdf = await PdfAsync($"/items/{FoodBusiness}/guide.pdf");

        var text = Flat(await PdfTools.TextAsync(pdf));
        text.ShouldContain("食品经营许可（新办）");
        text.ShouldContain("第3版，2025年7月1日起施行");
        text.ShouldContain("食品经营许可申请书");
        text.ShouldContain("营业执照");
        text.ShouldContain("青山县行政审批局");

        (await PdfAsync($"/items/{FoodBusiness}/guide.pdf")).ShouldBe(pdf);
        var rows = await InDb(db => db.Set<GuidePdfFile>().Join(db.Set<OneSeal.Catalog.Item>(), f => f.ItemId, i => i.Id, (f, i) => new { f, i })
            .CountAsync(x => x.i.Code == FoodBusiness && x.i.Version == 3 && x.f.Document == GuidePdfs.Guide));
        rows.ShouldBe(1);
    }

    [Fact]
    public async Task An_older_versions_guide_pdf_shows_that_version()
    {
        var text = Flat(await PdfTools.TextAsync(await PdfAsync($"/items/{FoodBusiness}/guide.pdf?version=1")));

        text.ShouldContain("第1版，2024年1月1日起施行");
        text.ShouldContain("青山县市场监督管理局");
    }

    [Fact]
    public async Task The_blank_form_has_the_item_its_fields_and_signature_lines()
    {
        var pdf = await PdfAsync($"/items/{FoodBusiness}/materials/M01/blank-form.pdf");

        var text = Flat(await PdfTools.TextAsync(pdf));
        text.ShouldContain("食品经营许可申请书");
        text.ShouldContain("食品经营许可（新办）");
        text.ShouldContain(FoodBusiness);
        text.ShouldContain("企业名称");
        text.ShouldContain("统一社会信用代码");
        text.ShouldContain("申请人（签字或盖章）");
        text.ShouldContain("日期");
        (await PdfAsync($"/items/{FoodBusiness}/materials/M01/blank-form.pdf")).ShouldBe(pdf);
    }

    [Fact]
    public async Task The_filled_in_sample_is_marked_as_a_sample_and_holds_example_values()
    {
        var pdf = await PdfAsync($"/items/{FoodBusiness}/materials/M01/sample.pdf");

        var text = Flat(await PdfTools.TextAsync(pdf));
        text.ShouldContain("填写样例");
        text.ShouldContain("食品经营许可申请书");
        text.ShouldContain("91350100M000100Y43");
        text.ShouldContain("13800000000");
        (await PdfAsync($"/items/{FoodBusiness}/materials/M01/blank-form.pdf")).ShouldNotBe(pdf);
    }
}

public static class GuidePdfApps
{
    public static readonly Dictionary<string, string?> Settings = new()
    {
        ["Pdf:ChromiumPath"] = Environment.GetEnvironmentVariable("ONESEAL_CHROMIUM") ?? "/usr/bin/chromium",
    };
}

public sealed class GuidePdfSqliteApp() : OneSealFactory(DatabaseProvider.Sqlite, ApiApps.Options(GuidePdfApps.Settings));

public sealed class GuidePdfPostgresApp() : OneSealFactory(DatabaseProvider.Postgres, ApiApps.Options(GuidePdfApps.Settings));

[Trait("Provider", "Sqlite")]
public sealed class GuidePdfTests_Sqlite(GuidePdfSqliteApp app) : GuidePdfTests(app), IClassFixture<GuidePdfSqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class GuidePdfTests_Postgres(GuidePdfPostgresApp app) : GuidePdfTests(app), IClassFixture<GuidePdfPostgresApp>;
