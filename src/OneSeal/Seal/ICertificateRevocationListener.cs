namespace OneSeal.Seal;

/// <summary>
/// Told inside a revocation's transaction, before it commits, with the certificate as revoked: the Cases capability
/// records <c>certificate.revoked</c> for other systems there (it knows the item's supervising department; Seal does not).
/// Whatever it adds commits or rolls back with the revocation.
/// </summary>
public interface ICertificateRevocationListener
{
    Task OnRevokedAsync(Certificate revoked, DateTimeOffset now, CancellationToken ct);
}
