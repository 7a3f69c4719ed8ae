using OneSeal.Catalog.Guides;

namespace OneSeal.Catalog;

/// <summary>
/// Public catalog: <c>GET /api/v1/items</c> (search and filters), <c>GET /api/v1/items/{code}</c> (the guide in force,
/// or <c>?version=N</c>) and <c>GET /api/v1/items/{code}/versions</c> (the published versions).
/// </summary>
public static class CatalogApi
{
    public sealed record MaterialDto(string Code, string Name, bool Required, string? Description)
    {
        public bool Tolerable { get; init; }
        public string Source { get; init; } = "";
        public string? MaterialType { get; init; }
        public string? MaterialTypeName { get; init; }
        public string Form { get; init; } = "";
        public int Copies { get; init; }
        public string? LegalBasis { get; init; }
        /// <summary>The blank form's address, when the material has one.</summary>
        public string? BlankFormUrl { get; init; }
    }

    public sealed record FormFieldDto(string Key, string Label, string Type, bool Required);
    public sealed record StepDto(string Kind, string Label, int SharePercent, bool StopsClock);
    public sealed record ItemRefDto(string Code, string Name);
    public sealed record ThemeDto(string Code, string Name, string Audience);

    public static void MapCatalogApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/items").AllowAnonymous().WithTags("catalog");

        g.MapGet("/", async (string? q, int? page, int? pageSize, string? department, string? theme, string? category,
            string? level, string? kind, string? serviceObject, CatalogQueries catalog, CancellationToken ct) =>
        {
            var filter = ItemFilter.Parse(department, theme, category, level, kind, serviceObject);
            var (items, total) = await catalog.SearchAsync(q, page ?? 1, pageSize ?? 20, ct, filter);
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
        }).WithName("listItems").WithSummary("List or search the catalog's items");

        g.MapGet("/{code}", async (string code, int? version, CatalogQueries catalog, CancellationToken ct) =>
        {
            var guide = await catalog.GuideAsync(code, ct, version);
            return TypedResults.Ok(Dto(guide));
        }).WithName("getItem").WithSummary("Get an item's current version");

        g.MapGet("/{code}/versions", async (string code, CatalogQueries catalog, CancellationToken ct) =>
        {
            var (name, versions) = await catalog.VersionsAsync(code, ct);
            return TypedResults.Ok(new
            {
                code, name,
                versions = versions.Select(v => new
                {
                    v.Version, v.EffectiveFrom, until = v.Until, state = v.State.ToString().ToLowerInvariant(), v.ChangeNote,
                    v.PublishedAt, transferDocument = v.TransferDocument,
                }),
            });
        }).WithName("listItemVersions").WithSummary("List an item's versions");
    }

    private static object Dto(CatalogQueries.ItemGuide guide)
    {
        var i = guide.Item;
        var versionQuery = guide.IsInForce ? "" : $"?version={i.Version}";
        return new
        {
            i.Code, i.Name, i.Category, kind = ItemLabels.Api(i.Kind), kindLabel = ItemLabels.Of(i.Kind),
            serviceObject = i.ServiceObject.ToString().ToLowerInvariant(),
            competentDepartment = guide.CompetentDepartment, implementingBody = guide.ImplementingBody,
            supervisingDepartment = guide.SupervisingDepartment,
            i.StatutoryDays, i.PromisedDays, i.LegalBasis, i.Conditions, i.FeeCharged, i.FeeAmount, i.FeeBasis, i.Visits,
            i.ResultName, i.ResultValidityYears, i.Phone, i.Version,
            materials = guide.Materials.Select(m => new MaterialDto(m.Code, m.Name, m.Required, m.Description)
            {
                Tolerable = m.Tolerable, Source = Camel(m.Source.ToString()), MaterialType = m.MaterialTypeCode,
                MaterialTypeName = m.MaterialTypeCode is { } t && guide.MaterialTypes.TryGetValue(t, out var n) ? n : null,
                Form = Camel(m.Form.ToString()), Copies = m.Copies, LegalBasis = m.LegalBasis,
                BlankFormUrl = m.BlankForm ? $"/items/{Uri.EscapeDataString(i.Code)}/materials/{Uri.EscapeDataString(m.Code)}/blank-form.pdf{versionQuery}" : null,
            }),
            formFields = guide.FormFields.Select(f => new FormFieldDto(f.Key, f.Label, f.Type.ToString(), f.Required)),
            // Elements beyond the first cut of this DTO (same names as the item's properties).
            i.BasicCode, i.ParentCode,
            parent = guide.Parent is { } p ? new ItemRefDto(p.Code, p.Name) : null,
            subItems = guide.SubItems.Select(s => new ItemRefDto(s.Code, s.Name)),
            level = i.Level.ToString().ToLowerInvariant(), levelLabel = GuideLabels.Of(i.Level),
            entrustedBody = guide.EntrustedBody, jointDepartments = guide.JointDepartments,
            i.LegalBasisText, i.FeeStandard, i.OnlineDepth, i.Appointment, i.ResultByPost,
            tongban = Camel(i.Tongban.ToString()), tongbanLabel = GuideLabels.Of(i.Tongban),
            i.ResultTypeCode, i.ResultSample, i.IntermediaryServices, i.ComplaintPhone, i.Window, i.CommitmentApproval,
            steps = guide.Steps.Select(s => new StepDto(Camel(s.Kind.ToString()), ItemLabels.Of(s.Kind), s.SharePercent, s.StopsClock)),
            themes = guide.Themes.Select(t => new ThemeDto(t.Code, t.Name, t.Audience.ToString().ToLowerInvariant())),
            i.EffectiveFrom, i.ChangeNote,
            inForce = guide.IsInForce,
            inForceVersion = guide.InForce?.Version,
            guidePdfUrl = $"/items/{Uri.EscapeDataString(i.Code)}/guide.pdf{versionQuery}",
        };
    }

    private static string Camel(string s) => char.ToLowerInvariant(s[0]) + s[1..];
}
