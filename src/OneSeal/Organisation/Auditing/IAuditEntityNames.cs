namespace OneSeal.Organisation.Auditing;

/// <summary>
/// How the capability that owns an entity names it in the audit trail: the trail keeps ids (a case's GUID), the
/// auditor searches and reads by what people use (the case number). Implemented by the owner, e.g. Cases for "case".
/// </summary>
public interface IAuditEntityNames
{
    /// <summary>The <c>entity_type</c> this names.</summary>
    string EntityType { get; }

    /// <summary>The entity id that <paramref name="name"/> (e.g. a case number) stands for, or null.</summary>
    Task<string?> IdOfAsync(string name, CancellationToken ct);

    /// <summary>Names of the given ids (ids without a name are left out).</summary>
    Task<IReadOnlyDictionary<string, string>> NamesAsync(IReadOnlyCollection<string> ids, CancellationToken ct);
}
