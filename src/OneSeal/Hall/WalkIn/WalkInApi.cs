using Microsoft.AspNetCore.Http.HttpResults;
using OneSeal.Organisation.Applicants;
using OneSeal.Platform.Security;

namespace OneSeal.Hall.WalkIn;

/// <summary><c>/api/v1/applicants</c>: record a walk-in applicant (POST), find one by ID number or credit code (GET), staff at a window.</summary>
public static class WalkInApi
{
    public static void MapWalkInApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/applicants").RequireAuthorization(AuthSetup.ApiPolicy).WithTags("applicants");

        g.MapPost("/", async Task<Results<Created<ApplicantRecord>, Ok<ApplicantRecord>>> (
            WalkInRequest? body, HttpContext http, WalkInApplicants applicants, CancellationToken ct) =>
        {
            var (record, created) = await applicants.RecordAsync(HttpActor.Of(http), body, ct);
            return created ? TypedResults.Created($"/api/v1/applicants/{record.Id}", record) : TypedResults.Ok(record);
        }).WithName("registerWalkInApplicant").WithSummary("Register a walk-in applicant");

        g.MapGet("/", async (string? idNumber, string? uscc, HttpContext http, WalkInApplicants applicants, CancellationToken ct) =>
            TypedResults.Ok(await applicants.FindAsync(HttpActor.Of(http), idNumber, uscc, ct))).WithName("findWalkInApplicants").WithSummary("Find walk-in applicants");

        g.MapGet("/{id:guid}", async (Guid id, HttpContext http, WalkInApplicants applicants, CancellationToken ct) =>
            TypedResults.Ok(await applicants.GetAsync(HttpActor.Of(http), id, ct))).WithName("getWalkInApplicant").WithSummary("Get a walk-in applicant");
    }
}
