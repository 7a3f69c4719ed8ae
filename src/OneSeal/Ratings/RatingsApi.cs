using Microsoft.AspNetCore.Authentication;
using OneSeal.Platform.Security;

namespace OneSeal.Ratings;

/// <summary>
/// <c>/api/v1/ratings</c>: the window rating device's calls (anonymous, identified by its device secret in
/// <see cref="RatingDevices.Header"/>), pairing, and the window chief's pairing code.
/// </summary>
public static class RatingsApi
{
    public static void MapRatingsApi(this IEndpointRouteBuilder app)
    {
        var device = app.MapGroup("/api/v1/ratings").WithTags("ratings");

        device.MapPost("/", async (RatingInput? body, HttpContext http, WindowRatings ratings, CancellationToken ct) =>
        {
            var receipt = await ratings.RateAsync(await SignedInAsync(http), DeviceSecret(http), body, ct);
            return TypedResults.Created($"/api/v1/ratings/{receipt.Id}", receipt);
        }).WithName("rateService").WithSummary("Rate a service at the window's rating device");

        device.MapGet("/device", async (HttpContext http, WindowRatings ratings, CancellationToken ct) =>
            TypedResults.Ok(await ratings.StateAsync(DeviceSecret(http), ct))).WithName("getRatingDevice")
            .WithSummary("Get the rating device's state");

        device.MapPost("/devices/pair", async (PairInput? body, RatingDevices devices, CancellationToken ct) =>
            TypedResults.Ok(await devices.PairAsync(body, ct))).WithName("pairRatingDevice")
            .RequireRateLimiting(SignInRateLimit.Policy)
            .WithSummary("Pair a rating device with a code");

        app.MapPost("/api/v1/windows/{id:guid}/rating-device", async (Guid id, HttpContext http, RatingDevices devices, CancellationToken ct) =>
            TypedResults.Ok(await devices.StartAsync(HttpActor.Of(http), id, ct))).WithName("createRatingDevicePairing")
            .RequireAuthorization(AuthSetup.ApiPolicy).WithTags("ratings")
            .WithSummary("Create a pairing code for a window's rating device");
    }

    private static string? DeviceSecret(HttpContext http) => http.Request.Headers[RatingDevices.Header].FirstOrDefault();

    /// <summary>The staff account the request is signed in as, by token or by page cookie: a rating may come from neither.</summary>
    private static async Task<Actor?> SignedInAsync(HttpContext http)
    {
        foreach (var scheme in new[] { AuthSetup.Bearer, AuthSetup.Cookie })
        {
            var result = await http.AuthenticateAsync(scheme);
            if (result.Succeeded && Actor.From(result.Principal) is { Kind: AccountKind.Staff } actor) return actor;
        }
        return null;
    }
}
