using OneSeal.Documents;
using OneSeal.Platform.Database;

namespace OneSeal.Notices;

/// <summary>Notices in the list of documents not produced yet (<see cref="DocumentRegisters"/>).</summary>
internal sealed class NoticeDocuments(NoticeQueries queries, INoticeIssuer issuer) : IDocumentRegister
{
    public DocumentKind Kind => DocumentKind.Notice;
    public string AuditEntity => "case_notice";

    public Task<IReadOnlyList<UnissuedDocument>> UnissuedAsync(int take, CancellationToken ct) => queries.UnissuedAsync(take, ct);

    public async Task<string> RequeueAsync(OneSealDb db, Guid id, DateTimeOffset now, CancellationToken ct) =>
        (await issuer.RetryAsync(db, id, now, ct)).Number;
}
