namespace OneSeal.Seal;

/// <summary>What a decision hands the seal to issue: GB/T 36901 metadata, the full holder code (kept only encrypted), and the lines printed on the licence.</summary>
public sealed record CertificateRequest(Guid CaseId, string CaseNumber, Guid HolderAccountId, string ItemCode, string ItemName,
    string CertificateName, string TypeCode, string HolderName, string HolderCodeType, string HolderCode,
    Guid IssuerOrganisationId, string IssuerName, string IssuerCode, DateOnly IssuedOn, DateOnly ValidFrom, DateOnly? ValidUntil,
    IReadOnlyList<KeyValuePair<string, string>> Details)
{
    /// <summary>Who decided (recorded in the seal's usage log when the certificate is signed).</summary>
    public Guid? DecidedById { get; init; }
}

/// <summary>Issues a licence under an organisation's seal. The caller commits the returned entity with its decision.</summary>
public interface ICertificateIssuer
{
    /// <summary>
    /// Validates the request (400 naming each bad field), allocates the number, renders and stores the PDF, signs the
    /// metadata, and adds the <see cref="Certificate"/> to the context without saving. The number is drawn in the
    /// caller's transaction if one is open.
    /// </summary>
    Task<Certificate> IssueAsync(CertificateRequest request, CancellationToken ct);
}
