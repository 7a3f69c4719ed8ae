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
            TypedResults.Ok(await slots.DayAsync(theme, date, ct))).WithName("listAppointmentSlots")
            .WithSummary("List appointment slots");

        g.MapPost("/", async (BookingInput? body, HttpContext http, AppointmentBooking booking, CancellationToken ct) =>
        {
            var a = await booking.BookAsync(await OptionalActorAsync(http), body, ct);
            return TypedResults.Created($"/api/v1/appointments/{a.Id}", a);
        }).WithName("bookAppointment").RequireRateLimiting(AppointmentRateLimit.Policy)
            .WithSummary("Book an appointment");

        g.MapDelete("/{id:guid}", async (Guid id, [FromBody] CancelInput? body, HttpContext http, AppointmentBooking booking, CancellationToken ct) =>
            TypedResults.Ok(await booking.CancelAsync(await OptionalActorAsync(http), id, body, ct))).WithName("cancelAppointment")
            .RequireRateLimiting(AppointmentRateLimit.Policy)
            .WithSummary("Cancel an appointment");
    }

    /// <summary>The caller when a valid bearer token came with the request; these endpoints also serve people without an account.</summary>
    private static async Task<Actor?> OptionalActorAsync(HttpContext http)
    {
        if (http.Request.Headers.Authorization.Count == 0) return null;
        var result = await http.AuthenticateAsync(AuthSetup.Bearer);
        return result.Succeeded ? Actor.From(result.Principal) : null;
    }
}
