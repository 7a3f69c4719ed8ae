using OneSeal.Platform.Http;
using OneSeal.Platform.Security;

namespace OneSeal.Hall.Intake;

/// <summary>
/// <c>/api/v1/admin/themes</c>: GET the themes with their departments and the departments to choose from, POST a new
/// theme, PUT <c>/{code}</c> its name, order and (when given) departments. System administrator only.
/// </summary>
public static class ThemeAdminApi
{
    public static void MapThemeAdminApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/admin/themes").RequireAuthorization(AuthSetup.ApiPolicy).WithTags("admin-themes");
        g.MapGet("/", async (HttpContext http, ThemeAdmin admin, CancellationToken ct) => TypedResults.Ok(await admin.ListAsync(HttpActor.Of(http), ct))).WithName("listThemes").WithSummary("List hall themes and their departments");
        g.MapPost("/", async (ThemeInput? body, HttpContext http, ThemeAdmin admin, CancellationToken ct) =>
        {
            var theme = await admin.CreateAsync(HttpActor.Of(http), body ?? new ThemeInput(null, null, null, null), ct);
            return TypedResults.Created($"/api/v1/admin/themes/{theme.Code}", theme);
        }).WithName("createTheme").WithSummary("Create a hall theme");
        g.MapPut("/{code}", async (string code, ThemeInput? body, HttpContext http, ThemeAdmin admin, CancellationToken ct) =>
            TypedResults.Ok(await admin.EditAsync(HttpActor.Of(http), code, body ?? new ThemeInput(null, null, null, null), ct))).WithName("updateTheme").WithSummary("Update a hall theme");
    }
}
