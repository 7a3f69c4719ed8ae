using OneSeal.Platform.Http;
using OneSeal.Platform.Security;

namespace OneSeal.Catalog.Transfers;

/// <summary><c>GET /api/v1/transfers</c> (public: transfer documents are published) and <c>POST /api/v1/transfers</c> (admin).</summary>
public static class TransfersApi
{
    public static void MapTransfersApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/transfers", async (TransferQueries queries, CancellationToken ct) =>
        {
            var batches = await queries.ListAsync(ct);
            return TypedResults.Ok(batches.Select(Dto));
        }).WithName("listTransfers").WithSummary("List power transfers between departments").AllowAnonymous().WithTags("transfers");

        app.MapPost("/api/v1/transfers", async (TransferRequest? body, HttpContext http, TransferCommands commands, TransferQueries queries, CancellationToken ct) =>
        {
            if (body is null) throw new InvalidInputException("body", "required", "请求体不能为空。");
            var batch = await commands.CreateAsync(HttpActor.Of(http), body, ct);
            var view = (await queries.ListAsync(ct)).Single(b => b.Id == batch.Id);
            return TypedResults.Created($"/api/v1/transfers/{batch.Id}", Dto(view));
        }).WithName("createTransfer").WithSummary("Record a power transfer between departments").RequireAuthorization(AuthSetup.ApiPolicy).AddEndpointFilter<IdempotencyFilter>().WithTags("transfers");
    }

    private static object Dto(TransferBatchView b) => new
    {
        b.Id, b.DocumentNumber, b.Title, effectiveOn = b.EffectiveOn.ToString("yyyy-MM-dd"), b.CreatedAt,
        items = b.Items.Select(i => new
        {
            i.Code, i.Name, fromDepartment = i.FromAgency,
            entrustmentEnded = i.PreviousEntrustedBody, entrustmentRedone = i.EntrustedBody,
            versionCreated = i.Version, i.Window,
        }),
    };
}
