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
        }).WithSummary("窗口评价器提交评价（绑定已办结的号票；工作人员账号不能评价）");

        device.MapGet("/device", async (HttpContext http, WindowRatings ratings, CancellationToken ct) =>
            TypedResults.Ok(await ratings.StateAsync(DeviceSecret(http), ct)))
            .WithSummary("评价器状态：所属窗口，及刚办结待评价的号票");

        device.MapPost("/devices/pair", async (PairInput? body, RatingDevices devices, CancellationToken ct) =>
            TypedResults.Ok(await devices.PairAsync(body, ct)))
            .RequireRateLimiting(SignInRateLimit.Policy)
            .WithSummary("评价器输入窗口负责人出示的配对码，取得设备密钥");

        app.MapPost("/api/v1/windows/{id:guid}/rating-device", async (Guid id, HttpContext http, RatingDevices devices, CancellationToken ct) =>
            TypedResults.Ok(await devices.StartAsync(HttpActor.Of(http), id, ct)))
            .RequireAuthorization(AuthSetup.ApiPolicy).WithTags("ratings")
            .WithSummary("窗口负责人生成评价器配对码（10 分钟内有效）");
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
