using OneSeal.Platform.Http;

namespace OneSeal.Catalog.Transfers;

/// <summary>One item of a new batch: its code, and the body the bureau entrusts again (受委托组织), if any.</summary>
public sealed record TransferItemRequest(string? Code, string? EntrustedBody = null, string? Window = null);

/// <summary>
/// <c>POST /api/v1/transfers</c>. The date stays a string so a malformed one is reported as <c>effectiveOn</c>, not as
/// an unreadable body. <see cref="Window"/> is the bureau's window for the moved items (default 综合受理区); an item may name its own.
/// </summary>
public sealed record TransferRequest(string? DocumentNumber, string? Title, string? EffectiveOn, List<TransferItemRequest>? Items, string? Window = null)
    : IIdempotentBody;
