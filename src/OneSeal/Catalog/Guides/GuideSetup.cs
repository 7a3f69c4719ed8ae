using OneSeal.Platform.Http;

namespace OneSeal.Catalog.Guides;

/// <summary>The public guides' services and their printable documents' routes.</summary>
public static class GuideSetup
{
    public static IServiceCollection AddOneSealGuides(this IServiceCollection services)
    {
        services.AddSingleton<GuideCache>();
        services.AddSingleton<GuideRenderGate>();
        services.AddScoped<GuidePdfs>();
        return services;
    }

    /// <summary>
    /// <c>/items/{code}/guide.pdf</c>, <c>/items/{code}/materials/{material}/blank-form.pdf</c> and its filled-in
    /// <c>sample.pdf</c> (all take <c>?version=N</c>).
    /// </summary>
    public static void MapGuideDocuments(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/items/{code}").AllowAnonymous().ExcludeFromDescription();

        g.MapGet("/guide.pdf", async (string code, int? version, CatalogQueries catalog, GuidePdfs pdfs, CancellationToken ct) =>
        {
            var guide = await catalog.GuideAsync(code, ct, version);
            var bytes = await pdfs.GetAsync(guide.Item.Id, GuidePdfs.Guide, () => GuideDocument.Html(guide), ct);
            return Results.File(bytes, "application/pdf", $"{guide.Item.Code}-第{guide.Item.Version}版-办事指南.pdf");
        });

        g.MapGet("/materials/{materialCode}/blank-form.pdf", (string code, string materialCode, int? version, CatalogQueries catalog,
            GuidePdfs pdfs, CancellationToken ct) => FormAsync(code, materialCode, version, sample: false, catalog, pdfs, ct));
        g.MapGet("/materials/{materialCode}/sample.pdf", (string code, string materialCode, int? version, CatalogQueries catalog,
            GuidePdfs pdfs, CancellationToken ct) => FormAsync(code, materialCode, version, sample: true, catalog, pdfs, ct));
    }

    private static async Task<IResult> FormAsync(string code, string materialCode, int? version, bool sample, CatalogQueries catalog,
        GuidePdfs pdfs, CancellationToken ct)
    {
        var guide = await catalog.GuideAsync(code, ct, version);
        var material = guide.Materials.FirstOrDefault(m => m.Code == materialCode && m.BlankForm)
            ?? throw new NotFoundException($"事项“{code}”的材料“{materialCode}”没有空白表格。");
        var document = sample ? GuidePdfs.Sample(material.Code) : GuidePdfs.BlankForm(material.Code);
        var bytes = await pdfs.GetAsync(guide.Item.Id, document, () => BlankFormDocument.Html(guide, material, sample), ct);
        return Results.File(bytes, "application/pdf", $"{guide.Item.Code}-{material.Code}-{(sample ? "填写样例" : "空白表格")}.pdf");
    }
}
