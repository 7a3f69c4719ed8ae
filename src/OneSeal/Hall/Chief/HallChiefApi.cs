using OneSeal.Hall.StandIn;
using OneSeal.Platform.Security;

namespace OneSeal.Hall.Chief;

/// <summary>
/// Issue 11 §4 and §7, the hall's side: the window chief's powers granted by the security administrator
/// (<c>GET/PUT /api/v1/admin/staff/{id}/powers</c>) and A posts marked absent (<c>POST /api/v1/windows/{id}/absence</c>, withdrawn by <c>DELETE</c> on the same route).
/// </summary>
public static class HallChiefApi
{
    public static void MapHallChiefApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(AuthSetup.ApiPolicy);

        var staff = api.MapGroup("/admin/staff").WithTags("staff");
        staff.MapGet("/{id:guid}/powers", async (Guid id, HttpContext http, WindowChiefPowers powers, CancellationToken ct) =>
            TypedResults.Ok(await powers.ListAsync(HttpActor.Of(http), id, ct))).WithName("getStaffPowers").WithSummary("Get a window chief's powers");
        staff.MapPut("/{id:guid}/powers", async (Guid id, SetPowersRequest? body, HttpContext http, WindowChiefPowers powers, CancellationToken ct) =>
        {
            var actor = HttpActor.Of(http);
            await powers.SetAsync(actor, id, body ?? new SetPowersRequest(null), ct);
            return TypedResults.Ok(await powers.ListAsync(actor, id, ct));
        }).WithName("setStaffPowers").WithSummary("Set a window chief's powers");

        var windows = api.MapGroup("/windows").WithTags("windows");
        windows.MapPost("/{id:guid}/absence", async (Guid id, AbsenceRequest? body, HttpContext http, WindowAbsences absences, CancellationToken ct) =>
            TypedResults.Created($"/api/v1/windows/{id}/stand-in", await absences.MarkAsync(HttpActor.Of(http), id, body ?? new AbsenceRequest(null, null), ct))).WithName("recordWindowAbsence").WithSummary("Record an A post's absence at a window");
        // 撤销缺岗登记 (the day's registration, today when no date): B no longer acts as “B（代 A）”.
        windows.MapDelete("/{id:guid}/absence", async (Guid id, string? date, HttpContext http, WindowAbsences absences, CancellationToken ct) =>
            TypedResults.Ok(await absences.WithdrawAsync(HttpActor.Of(http), id, date, ct))).WithName("cancelWindowAbsence").WithSummary("Cancel an A post's absence at a window");
    }
}
