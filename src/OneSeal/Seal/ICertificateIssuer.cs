namespace OneSeal.Seal;

public sealed record CertificateRequest(Guid CaseId, string CaseNumber, Guid HolderAccountId, string ItemCode, string ItemName,
    string CertificateName, string TypeCode, string HolderName, string HolderCodeType, string HolderCode,
    Guid IssuerOrganisationId, string IssuerName, string IssuerCode, DateOnly IssuedOn, DateOnly ValidFrom, DateOnly? ValidUntil,
    IReadOnlyList<KeyValuePair<string, string>> Details);

public interface ICertificateIssuer { Task<Certificate> IssueAsync(CertificateRequest request, CancellationToken ct); }
