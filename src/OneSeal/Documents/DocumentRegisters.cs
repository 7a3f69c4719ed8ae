using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;

namespace OneSeal.Documents;

/// <summary>
/// One kind of sealed document whose PDF is rendered after its record commits, answered by the kind's owner
/// (certificates: Seal; notices: Notices), so this list knows neither table.
/// </summary>
public interface IDocumentRegister
{
    DocumentKind Kind { get; }

    /// <summary>Audit entity name of this kind (<c>certificate</c>, <c>case_notice</c>).</summary>
    string AuditEntity { get; }

    /// <summary>Documents of this kind not produced yet, failed ones first.</summary>
    Task<IReadOnlyList<UnissuedDocument>> UnissuedAsync(int take, CancellationToken ct);

    /// <summary>Puts a failed document back in line in <paramref name="db"/>'s unit of work (caller commits); its number. 404/409 by the owner's rules.</summary>
    Task<string> RequeueAsync(OneSealDb db, Guid id, DateTimeOffset now, CancellationToken ct);
}

/// <summary>The administrators' view of documents not produced yet (<c>/admin/documents</c>), over every register.</summary>
public sealed class DocumentRegisters(OneSealDb db, IEnumerable<IDocumentRegister> registers, TimeProvider clock)
{
    public async Task<IReadOnlyList<UnissuedDocument>> UnissuedAsync(int take, CancellationToken ct)
    {
        var all = new List<UnissuedDocument>();
        foreach (var register in registers) all.AddRange(await register.UnissuedAsync(take, ct));
        return all.OrderByDescending(d => d.Failed).ThenBy(d => d.Since).Take(take).ToList();
    }

    /// <summary>Renders a failed document now instead of at the outbox's next back-off; audited, one transaction.</summary>
    public async Task<string> RetryAsync(DocumentKind kind, Guid id, Actor admin, CancellationToken ct)
    {
        var register = registers.Single(r => r.Kind == kind);
        var now = clock.Now();
        var number = await register.RequeueAsync(db, id, now, ct);
        db.Audit(admin, "document.retry", register.AuditEntity, number, "管理员要求重新生成 PDF", now);
        await db.CommitAsync(ct);
        return number;
    }
}
