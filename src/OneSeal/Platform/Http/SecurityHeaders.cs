namespace OneSeal.Platform.Http;

/// <summary>
/// The same security headers on every response: pages, API, static files, downloads and errors. Set when the response
/// starts, so an error handler that clears the response cannot drop them. The CSP allows only the site's own scripts
/// and styles (no inline ones: pages keep theirs in wwwroot), no framing, and forms posting only to the site.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The API reference (Swagger UI, /api-docs) injects a &lt;style&gt; element at run time; it shows no personal data,
    /// so only there styles may be inline. Its scripts are still the site's own files only.
    /// </summary>
    public static readonly string ApiDocsContentSecurityPolicy = ContentSecurityPolicy.Replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");

    public static void UseSecurityHeaders(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments("/api-docs") ? ApiDocsContentSecurityPolicy : ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            // Case and certificate addresses stay on the site; other sites learn only the origin.
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            // Only over HTTPS (RFC 6797 §7.2: a browser ignores it over HTTP, and a plain-HTTP test setup must not pin itself).
            if (http.Request.IsHttps) headers.StrictTransportSecurity = "max-age=31536000";
            return Task.CompletedTask;
        });
        return next(http);
    });
}
