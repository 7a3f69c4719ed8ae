using OneSeal.Documents;
using OneSeal.Platform.Database;

namespace OneSeal.Seal;

/// <summary>Certificates in the list of documents not produced yet (<see cref="DocumentRegisters"/>).</summary>
internal sealed class CertificateDocuments(CertificateRegistry registry) : IDocumentRegister
{
    public DocumentKind Kind => DocumentKind.Certificate;
    public string AuditEntity => "certificate";

    public Task<IReadOnlyList<UnissuedDocument>> UnissuedAsync(int take, CancellationToken ct) => registry.UnissuedPdfsAsync(take, ct);

    public async Task<string> RequeueAsync(OneSealDb db, Guid id, DateTimeOffset now, CancellationToken ct) =>
        (await CertificateRenders.RetryAsync(db, id, now, ct)).Number;
}
