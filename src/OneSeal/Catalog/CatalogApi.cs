namespace OneSeal.Catalog;

/// <summary>Public catalog: <c>GET /api/v1/items?q=</c> and <c>GET /api/v1/items/{code}</c>.</summary>
public static class CatalogApi
{
    public sealed record MaterialDto(string Code, string Name, bool Required, string? Description);
    public sealed record FormFieldDto(string Key, string Label, string Type, bool Required);

    public static void MapCatalogApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/items").AllowAnonymous().WithTags("catalog");

        g.MapGet("/", async (string? q, int? page, int? pageSize, CatalogQueries catalog, CancellationToken ct) =>
        {
            var (items, total) = await catalog.SearchAsync(q, page ?? 1, pageSize ?? 20, ct);
            return TypedResults.Ok(new
            {
                total,
                page = page ?? 1,
                items = items.Select(i => new
                {
                    i.Code, i.Name, i.Category, kind = ItemLabels.Api(i.Kind), kindLabel = ItemLabels.Of(i.Kind),
                    serviceObject = i.ServiceObject.ToString().ToLowerInvariant(), department = i.DepartmentName,
                    i.StatutoryDays, i.PromisedDays, i.Visits,
                }),
            });
        });

        g.MapGet("/{code}", async (string code, CatalogQueries catalog, CancellationToken ct) =>
        {
            var guide = await catalog.GuideAsync(code, ct);
            var i = guide.Item;
            return TypedResults.Ok(new
            {
                i.Code, i.Name, i.Category, kind = ItemLabels.Api(i.Kind), kindLabel = ItemLabels.Of(i.Kind),
                serviceObject = i.ServiceObject.ToString().ToLowerInvariant(),
                competentDepartment = guide.CompetentDepartment, implementingBody = guide.ImplementingBody,
                supervisingDepartment = guide.SupervisingDepartment,
                i.StatutoryDays, i.PromisedDays, i.LegalBasis, i.Conditions, i.FeeCharged, i.FeeAmount, i.FeeBasis, i.Visits,
                i.ResultName, i.ResultValidityYears, i.Phone, i.Version,
                materials = guide.Materials.Select(m => new MaterialDto(m.Code, m.Name, m.Required, m.Description)),
                formFields = guide.FormFields.Select(f => new FormFieldDto(f.Key, f.Label, f.Type.ToString(), f.Required)),
            });
        });
    }
}
