using Microsoft.AspNetCore.Authentication;
using OneSeal.Calendar;
using OneSeal.Catalog.Versions;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;

namespace OneSeal.Catalog.Editing;

/// <summary>
/// Catalog administration over <c>/api/v1/items</c>: create an item, save / read / submit / return / publish / discard
/// its draft, and compare versions. The public reads (<c>GET /api/v1/items</c>, <c>/{code}</c>, <c>/versions</c>) are
/// in <see cref="CatalogApi"/>. Every command goes through <see cref="CatalogEditor"/>, which checks the role and audits.
/// </summary>
public static class CatalogAdminApi
{
    /// <summary>A draft (or the version just published) as a client reads it: <see cref="Draft"/> is what it sends back to save.</summary>
    /// <param name="Revision">The draft's revision, also sent as the ETag: send it back as If-Match to save without overwriting another editor.</param>
    public sealed record DraftResponse(string Code, int Version, string Status, string StatusLabel, DateOnly? EffectiveFrom, ItemDraftInput Draft, int Revision);

    public sealed record PublishRequest(string? EffectiveFrom);

    public sealed record ChangeResponse(string Section, string? Key, string Label, string Kind, string? Before, string? After);

    public sealed record DiffResponse(string Code, int From, int To, List<ChangeResponse> Changes);

    public static void MapCatalogAdminApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/items").RequireAuthorization(AuthSetup.ApiPolicy).WithTags("catalog-admin");

        g.MapPost("/", async (ItemDraftInput? body, HttpContext http, CatalogEditor editor, CatalogAdminQueries q, CancellationToken ct) =>
        {
            if (body is null) throw new InvalidInputException("body", "required", "请求体不能为空。");
            var draft = await editor.CreateItemAsync(HttpActor.Of(http), body, ct);
            return TypedResults.Created($"/api/v1/items/{Uri.EscapeDataString(draft.Code)}/draft", await ResponseAsync(draft, q, ct));
        }).WithName("createItem").WithSummary("Create a catalog item as a draft");

        g.MapPut("/{code}/draft", async (string code, ItemDraftInput? body, HttpContext http, CatalogEditor editor, CatalogAdminQueries q, CancellationToken ct) =>
        {
            if (body is null) throw new InvalidInputException("body", "required", "请求体不能为空。");
            if (!string.IsNullOrWhiteSpace(body.Code) && body.Code.Trim() != code)
                throw new InvalidInputException("code", "route-mismatch", $"请求体中的事项编码“{body.Code}”与地址中的“{code}”不一致。");
            var actor = HttpActor.Of(http);
            // New items are created with POST; PUT only edits an item that exists (its next version or its open draft).
            await q.HistoryAsync(actor, code, ct);
            var draft = await editor.SaveDraftAsync(actor, body with { Code = code }, ct, IfMatch(http));
            http.Response.Headers.ETag = $"\"{draft.Revision}\"";
            return TypedResults.Ok(await ResponseAsync(draft, q, ct));
        }).WithName("saveItemDraft").WithSummary("Save an item's draft");

        g.MapGet("/{code}/draft", async (string code, HttpContext http, CatalogAdminQueries q, CancellationToken ct) =>
        {
            var found = await q.DraftAsync(HttpActor.Of(http), code, ct) ?? throw new NotFoundException($"事项“{code}”没有草稿。");
            http.Response.Headers.ETag = $"\"{found.Draft.Revision}\"";
            return TypedResults.Ok(Response(found.Draft, found.Input));
        }).WithName("getItemDraft").WithSummary("Get an item's draft");

        g.MapPost("/{code}/draft/submit", async (string code, HttpContext http, CatalogEditor editor, CatalogAdminQueries q, CancellationToken ct) =>
            TypedResults.Ok(await ResponseAsync(await editor.SubmitAsync(HttpActor.Of(http), code, ct), q, ct))).WithName("submitItemDraft").WithSummary("Submit an item's draft for approval");

        g.MapPost("/{code}/draft/return", async (string code, HttpContext http, CatalogEditor editor, CatalogAdminQueries q, CancellationToken ct) =>
            TypedResults.Ok(await ResponseAsync(await editor.ReturnAsync(HttpActor.Of(http), code, ct), q, ct))).WithName("returnItemDraft").WithSummary("Return an item's draft to its editor");

        g.MapPost("/{code}/draft/publish", async (string code, PublishRequest? body, HttpContext http, CatalogEditor editor, CatalogAdminQueries q, CancellationToken ct) =>
        {
            DateOnly? from = string.IsNullOrWhiteSpace(body?.EffectiveFrom) ? null : CalendarApi.ParseDate("effectiveFrom", body.EffectiveFrom.Trim());
            return TypedResults.Ok(await ResponseAsync(await editor.PublishAsync(HttpActor.Of(http), code, from, ct), q, ct));
        }).WithName("publishItemDraft").WithSummary("Publish an item's draft as a new version");

        g.MapDelete("/{code}/draft", async (string code, HttpContext http, CatalogEditor editor, CancellationToken ct) =>
        {
            await editor.DiscardAsync(HttpActor.Of(http), code, ct);
            return TypedResults.NoContent();
        }).WithName("discardItemDraft").WithSummary("Discard an item's draft");

        // Public for published versions, so it is outside the bearer-only group; a bearer token, when sent, shows drafts to administrators.
        app.MapGet("/api/v1/items/{code}/diff", async (string code, string? from, string? to, HttpContext http, CatalogAdminQueries q, CancellationToken ct) =>
        {
            var auth = await http.AuthenticateAsync(AuthSetup.Bearer);
            var actor = auth.Succeeded ? Actor.From(auth.Principal) : null;
            var changes = await q.DiffAsync(actor, code, Version("from", from), Version("to", to), ct);
            return TypedResults.Ok(new DiffResponse(code, Version("from", from)!.Value, Version("to", to)!.Value, changes.Select(c =>
                new ChangeResponse(c.Section, c.Key, c.Label, c.Kind.ToString().ToLowerInvariant(), c.Before, c.After)).ToList()));
        }).WithName("diffItemVersions").WithSummary("Compare two versions of an item").AllowAnonymous().WithTags("catalog");
    }

    private static int? Version(string field, string? value) =>
        value is null ? null
        : int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) && v >= 1 ? v
        : throw new InvalidInputException(field, "format", $"{field} 应为版本号（正整数）。");

    private static async Task<DraftResponse> ResponseAsync(Item draft, CatalogAdminQueries q, CancellationToken ct) =>
        Response(draft, ItemDraftSource.From(draft, await q.AgencyCodesAsync(ct)));

    private static DraftResponse Response(Item draft, ItemDraftInput input) =>
        new(draft.Code, draft.Version, Api(draft.Status), ItemLabels.Of(draft.Status), draft.EffectiveFrom, input, draft.Revision);

    /// <summary>The draft revision a client read (ETag), or null when it sends none (then the save is unconditional).</summary>
    private static int? IfMatch(HttpContext http) => Platform.Http.IfMatch.Read(http, "草稿修订号");

    public static string Api(ItemVersionStatus s) => s switch
    {
        ItemVersionStatus.InReview => "in-review",
        _ => s.ToString().ToLowerInvariant(),
    };
}
