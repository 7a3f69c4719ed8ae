using OneSeal.Platform.Security;

namespace OneSeal.Seal;

/// <summary>
/// Told of every certificate revocation (the certificate API's or a case's 撤销行政许可) inside its transaction, before it
/// commits: what a listener adds (issue 13: the push to the supervising department) commits or rolls back with it.
/// </summary>
public interface ICertificateRevocationListener
{
    Task OnRevokedAsync(RevokedCertificate revoked, Actor actor, string reason, DateTimeOffset now, CancellationToken ct);
}

/// <summary>What a revocation listener learns of the certificate (not the row: listeners above Seal read no Seal table).</summary>
public sealed record RevokedCertificate(Guid CaseId, string Number, string ItemCode, Guid IssuerOrganisationId);
