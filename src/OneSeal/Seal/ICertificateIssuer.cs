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
    /// Validates the request (400 naming each bad field) and adds the <see cref="Certificate"/> and its render message to
    /// the context without saving. Its <see cref="Certificate.Number"/> is a placeholder until the caller commits with
    /// <see cref="Platform.Database.UnitOfWork.CommitAsync"/>, which takes the number last and replaces the placeholder in
    /// every row the caller wrote it into; the PDF is rendered and signed after the commit.
    /// </summary>
    Task<Certificate> IssueAsync(CertificateRequest request, CancellationToken ct);
}
