using OneSeal.Platform.Security;

namespace OneSeal.Seal;

/// <summary>
/// Told when the holder downloads their certificate's PDF, which counts as delivery (送达, Art. 44).
/// The Cases capability replaces the default no-op to mark the case delivered; it is called after the access
/// check and before the file is sent, and saves its own changes.
/// </summary>
public interface ICertificateDeliveryListener
{
    Task OnHolderDownloadedAsync(Certificate c, Actor a, CancellationToken ct);
}

internal sealed class NoDeliveryListener : ICertificateDeliveryListener
{
    public Task OnHolderDownloadedAsync(Certificate c, Actor a, CancellationToken ct) => Task.CompletedTask;
}
