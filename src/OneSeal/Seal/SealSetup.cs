using Microsoft.Extensions.DependencyInjection.Extensions;
using OneSeal.Documents;
using OneSeal.Platform.Outbox;

namespace OneSeal.Seal;

public static class SealSetup
{
    /// <summary>
    /// The one seal: SM2 seal keys, certificate issuing (the PDF through the outbox's <c>certificate.render</c>) and
    /// verification, and the PDF renderer (one long-lived Chromium, closed with the app).
    /// Needs the platform's database, Data Protection, <c>IFileStore</c> and <c>TimeProvider</c>.
    /// </summary>
    public static IServiceCollection AddSeal(this IServiceCollection s, IConfiguration c)
    {
        var seal = new SealOptions
        {
            PublicBaseUrl = c["OneSeal:PublicBaseUrl"] ?? new SealOptions().PublicBaseUrl,
            NumberPrefix = c["Seal:NumberPrefix"] ?? new SealOptions().NumberPrefix,
            MaxVerifyUploadBytes = c.GetValue<long?>("Seal:MaxVerifyUploadBytes") ?? new SealOptions().MaxVerifyUploadBytes,
        };
        // Numbers go into URLs and QR codes: keep the prefix short and plain ASCII.
        if (seal.NumberPrefix.Length is 0 or > 8 || !seal.NumberPrefix.All(char.IsAsciiLetterOrDigit))
            throw new InvalidOperationException("Seal:NumberPrefix must be 1 to 8 ASCII letters or digits.");
        if (!Uri.TryCreate(seal.PublicBaseUrl, UriKind.Absolute, out _))
            throw new InvalidOperationException("OneSeal:PublicBaseUrl must be an absolute URL.");

        var pdf = new PdfOptions();
        pdf.ChromiumPath = c["Pdf:ChromiumPath"] ?? Environment.GetEnvironmentVariable("ONESEAL_CHROMIUM") ?? pdf.ChromiumPath;
        if (c.GetValue<int?>("Pdf:TimeoutSeconds") is { } seconds) pdf.Timeout = TimeSpan.FromSeconds(seconds);
        if (c.GetValue<int?>("Pdf:MaxConcurrency") is { } slots) pdf.MaxConcurrency = slots;
        if (pdf.MaxConcurrency < 1 || pdf.Timeout <= TimeSpan.Zero)
            throw new InvalidOperationException("Pdf:MaxConcurrency and Pdf:TimeoutSeconds must be at least 1.");

        s.TryAddSingleton<OneSeal.Platform.Security.PersonalData>();
        s.AddSingleton(seal);
        s.TryAddSingleton(pdf);
        s.TryAddSingleton<IPdfRenderer, ChromiumPdfRenderer>();
        s.AddHostedService<StaleRenderFolders>();
        s.AddScoped<SealKeyStore>();
        s.AddScoped<ICertificateIssuer, CertificateIssuer>();
        // Certificates are rendered and signed by the outbox after the decision commits.
        s.AddOutbox(c);
        s.TryAddEnumerable(ServiceDescriptor.Scoped<IOutboxHandler, CertificateRenderHandler>());
        s.TryAddEnumerable(ServiceDescriptor.Scoped<OneSeal.Platform.Storage.IStoredFileOwner, CertificateFiles>());
        s.AddScoped<CertificateVerifier>();
        s.AddScoped<CertificateRegistry>();
        s.TryAddEnumerable(ServiceDescriptor.Scoped<IDocumentRegister, CertificateDocuments>());
        s.TryAddScoped<DocumentRegisters>();
        s.TryAddScoped<ICertificateDeliveryListener, NoDeliveryListener>();
        return s;
    }
}
