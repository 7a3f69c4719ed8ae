using OneSeal.Platform.Http;
using OneSeal.Platform.Security;

namespace OneSeal.Hall.Enquiries;

/// <summary><c>/api/v1/enquiries</c>: record (staff seated at a window), list (own; a window chief: all), close with the answer.</summary>
public static class EnquiriesApi
{
    public static void MapEnquiriesApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/enquiries").RequireAuthorization(AuthSetup.ApiPolicy).WithTags("enquiries");

        g.MapPost("/", async (EnquiryInput? body, HttpContext http, EnquiryDesk desk, CancellationToken ct) =>
        {
            var e = await desk.RecordAsync(HttpActor.Of(http), body, ct);
            return TypedResults.Created($"/api/v1/enquiries/{e.Id}", e);
        }).WithName("recordEnquiry").WithSummary("Record an enquiry (first-question register)");

        g.MapGet("/", async (bool? open, bool? mine, HttpContext http, EnquiryDesk desk, CancellationToken ct) =>
            TypedResults.Ok(await desk.ListAsync(HttpActor.Of(http), open == true, mine == true, ct))).WithName("listEnquiries")
            .WithSummary("List enquiries");

        g.MapPost("/{id:guid}/close", async (Guid id, EnquiryClose? body, HttpContext http, EnquiryDesk desk, CancellationToken ct) =>
            TypedResults.Ok(await desk.CloseAsync(HttpActor.Of(http), id, body, ct))).WithName("closeEnquiry")
            .WithSummary("Close an enquiry");
    }
}
