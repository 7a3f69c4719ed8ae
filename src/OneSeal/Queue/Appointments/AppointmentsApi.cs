using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using OneSeal.Platform.Security;

namespace OneSeal.Queue.Appointments;

/// <summary>
/// <c>/api/v1/appointments</c>: slots (anonymous), booking (anonymous real-name, or a signed-in applicant's bearer
/// token), cancelling (the holder with ID number + booking code, the signed-in applicant who holds it, or hall staff).
/// </summary>
public static class AppointmentsApi
{
    public static void MapAppointmentsApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/appointments").AllowAnonymous().WithTags("appointments");

        g.MapGet("/slots", async (string? theme, string? date, AppointmentSlots slots, CancellationToken ct) =>
            TypedResults.Ok(await slots.DayAsync(theme, date, ct)))
            .WithSummary("某主题某日的预约时段（每半小时剩余名额；已过、约满标出；非工作日无时段）");

        g.MapPost("/", async (BookingInput? body, HttpContext http, AppointmentBooking booking, CancellationToken ct) =>
        {
            var a = await booking.BookAsync(await OptionalActorAsync(http), body, ct);
            return TypedResults.Created($"/api/v1/appointments/{a.Id}", a);
        }).RequireRateLimiting(AppointmentRateLimit.Policy)
            .WithSummary("实名预约（姓名、身份证号码、手机号码）；返回预约编号与预约码");

        g.MapDelete("/{id:guid}", async (Guid id, [FromBody] CancelInput? body, HttpContext http, AppointmentBooking booking, CancellationToken ct) =>
            TypedResults.Ok(await booking.CancelAsync(await OptionalActorAsync(http), id, body, ct)))
            .RequireRateLimiting(AppointmentRateLimit.Policy)
            .WithSummary("取消预约：本人凭身份证号码与预约码，或登录的预约人，或大厅工作人员；名额延时释放");
    }

    /// <summary>The caller when a valid bearer token came with the request; these endpoints also serve people without an account.</summary>
    private static async Task<Actor?> OptionalActorAsync(HttpContext http)
    {
        if (http.Request.Headers.Authorization.Count == 0) return null;
        var result = await http.AuthenticateAsync(AuthSetup.Bearer);
        return result.Succeeded ? Actor.From(result.Principal) : null;
    }
}
