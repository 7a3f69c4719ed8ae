using Microsoft.Extensions.DependencyInjection.Extensions;
using OneSeal.Platform.Outbox;

namespace OneSeal.Notices;

public static class NoticesSetup
{
    /// <summary>
    /// Sealed notices of a case: <see cref="INoticeIssuer"/>, the <c>notice.render</c> outbox handler, queries and
    /// verification. Adds the outbox (<see cref="OutboxSetup.AddOutbox"/>) if it is not there yet; needs <c>AddSeal</c>
    /// (seal keys, PDF renderer, <c>SealOptions</c>), an <see cref="INoticeCases"/> from the owner of cases, the platform's
    /// database, <c>IFileStore</c> and <c>TimeProvider</c>.
    /// Settings: <c>OneSeal:PublicBaseUrl</c>, <c>Notices:NumberPrefix</c>, <c>Notices:ReconsiderationBody</c>, <c>Notices:Court</c>.
    /// </summary>
    public static IServiceCollection AddNotices(this IServiceCollection s, IConfiguration c)
    {
        s.AddOutbox(c);
        if (s.Any(d => d.ServiceType == typeof(NoticeOptions))) return s;
        var o = new NoticeOptions
        {
            PublicBaseUrl = c["OneSeal:PublicBaseUrl"] ?? new NoticeOptions().PublicBaseUrl,
            NumberPrefix = c["Notices:NumberPrefix"] ?? new NoticeOptions().NumberPrefix,
            ReconsiderationBody = Blank(c["Notices:ReconsiderationBody"]),
            Court = Blank(c["Notices:Court"]),
        };
        if (o.NumberPrefix.Length is 0 or > 8 || o.NumberPrefix.Any(ch => char.IsWhiteSpace(ch) || ch is '〔' or '〕' or '/' or '?' or '#' or '%'))
            throw new InvalidOperationException("Notices:NumberPrefix must be 1 to 8 characters without spaces, 〔〕, '/', '?', '#' or '%'.");
        if (!Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out _))
            throw new InvalidOperationException("OneSeal:PublicBaseUrl must be an absolute URL.");

        s.AddSingleton(o);
        s.AddSingleton<INoticeIssuer, NoticeIssuer>();
        s.AddScoped<NoticeQueries>();
        s.AddScoped<NoticeVerifier>();
        s.TryAddEnumerable(ServiceDescriptor.Scoped<OneSeal.Documents.IDocumentRegister, NoticeDocuments>());
        s.TryAddScoped<OneSeal.Documents.DocumentRegisters>();
        s.TryAddEnumerable(ServiceDescriptor.Scoped<IOutboxHandler, NoticeRenderHandler>());
        s.TryAddEnumerable(ServiceDescriptor.Scoped<OneSeal.Platform.Storage.IStoredFileOwner, NoticeFiles>());
        return s;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
