using OneSeal.Platform.Http;
using OneSeal.Platform.Security;

namespace OneSeal.Organisation.Admin;

/// <summary>
/// <c>/api/v1/admin/organisations</c> (GET the tree, POST create, PUT edit, POST <c>/{id}/move</c>, POST <c>/{id}/close</c>)
/// and <c>/api/v1/admin/regions</c> (GET, POST). System administrator only; the services check the role.
/// </summary>
public static class OrganisationsApi
{
    public static void MapOrganisationsApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/admin/organisations").RequireAuthorization(AuthSetup.ApiPolicy).WithTags("admin-organisations");

        g.MapGet("/", async (HttpContext http, OrganisationQueries q, CancellationToken ct) =>
            TypedResults.Ok(await q.TreeAsync(HttpActor.Of(http), ct))).WithName("listOrganisations").WithSummary("List organisations");

        g.MapPost("/", async (OrganisationInput? body, HttpContext http, OrganisationAdmin admin, OrganisationQueries q, CancellationToken ct) =>
        {
            var actor = HttpActor.Of(http);
            var created = await admin.CreateAsync(actor, body ?? throw Empty(), ct);
            return TypedResults.Created($"/api/v1/admin/organisations/{created.Id}", await q.NodeAsync(actor, created.Id, ct));
        }).WithName("createOrganisation").WithSummary("Create an organisation");

        g.MapPut("/{id:guid}", async (Guid id, OrganisationEdit? body, HttpContext http, OrganisationAdmin admin, OrganisationQueries q, CancellationToken ct) =>
        {
            var actor = HttpActor.Of(http);
            await admin.EditAsync(actor, id, body ?? throw Empty(), ct);
            return TypedResults.Ok(await q.NodeAsync(actor, id, ct));
        }).WithName("updateOrganisation").WithSummary("Update an organisation");

        g.MapPost("/{id:guid}/move", async (Guid id, OrganisationMove? body, HttpContext http, OrganisationAdmin admin, OrganisationQueries q, CancellationToken ct) =>
        {
            var actor = HttpActor.Of(http);
            await admin.MoveAsync(actor, id, (body ?? throw Empty()).ParentId, ct);
            return TypedResults.Ok(await q.NodeAsync(actor, id, ct));
        }).WithName("moveOrganisation").WithSummary("Move an organisation under another parent");

        g.MapPost("/{id:guid}/close", async (Guid id, OrganisationClose? body, HttpContext http, OrganisationAdmin admin, OrganisationQueries q, CancellationToken ct) =>
        {
            var actor = HttpActor.Of(http);
            await admin.CloseAsync(actor, id, body?.Reason, ct);
            return TypedResults.Ok(await q.NodeAsync(actor, id, ct));
        }).WithName("closeOrganisation").WithSummary("Close an organisation");

        var regions = app.MapGroup("/api/v1/admin/regions").RequireAuthorization(AuthSetup.ApiPolicy).WithTags("admin-organisations");

        regions.MapGet("/", async (HttpContext http, OrganisationQueries q, CancellationToken ct) =>
            TypedResults.Ok(await q.RegionsAsync(HttpActor.Of(http), ct))).WithName("listRegions").WithSummary("List regions");

        regions.MapPost("/", async (RegionInput? body, HttpContext http, OrganisationAdmin admin, CancellationToken ct) =>
        {
            var r = await admin.CreateRegionAsync(HttpActor.Of(http), body ?? throw Empty(), ct);
            return TypedResults.Created($"/api/v1/admin/regions/{r.Code}",
                new RegionNode(r.Code, r.Name, r.Level.ToString(), Regions.RegionCodes.Label(r.Level), r.ParentCode, (int)r.Level));
        }).WithName("createRegion").WithSummary("Create a region");
    }

    private static InvalidInputException Empty() => new("body", "required", "请求体不能为空。");
}
