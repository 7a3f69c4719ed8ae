using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace OneSeal.Platform.Http;

/// <summary>
/// A body limit per route, enforced while the body is read (Kestrel and the test server alike): a JSON command of the
/// API gets <see cref="ApiBytes"/>, a page's form <see cref="PageBytes"/>; files say their own limit (<c>[RequestSizeLimit]</c>,
/// the upload rules of a multipart body, or the import raising the limit before it reads a raw workbook).
/// Nothing a stranger sends can then be larger than its route needs before it reaches a command or the audit.
/// </summary>
public static class RequestBodyLimits
{
    public const long ApiBytes = 256 * 1024;
    public const long PageBytes = 1024 * 1024;

    public static IApplicationBuilder UseRequestBodyLimits(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        var declared = http.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>();
        // Files come as multipart (materials, certificate checks, the import page): the upload's own rules and the
        // server's limit apply, as the form is read (by antiforgery, too) before a page could raise its limit.
        var multipart = http.Request.ContentType?.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) == true;
        if (declared is null && multipart) return next(http);
        long? limit = declared is not null ? declared.MaxRequestBodySize
            : http.Request.Path.StartsWithSegments("/api") ? ApiBytes : PageBytes;
        var feature = new LimitFeature(http.Features.Get<IHttpMaxRequestBodySizeFeature>(), limit);
        http.Features.Set<IHttpMaxRequestBodySizeFeature>(feature);
        http.Request.Body = new LimitedBody(http.Request.Body, feature, http.Request.ContentLength, http.Request.HasFormContentType ? "file" : "body");
        return next(http);
    });

    /// <summary>The limit as the endpoint may still change it before reading (the import does); passed on to the server's own.</summary>
    private sealed class LimitFeature(IHttpMaxRequestBodySizeFeature? server, long? limit) : IHttpMaxRequestBodySizeFeature
    {
        public bool Started { get; set; }
        public bool IsReadOnly => Started;

        public long? MaxRequestBodySize
        {
            get => limit;
            set
            {
                if (Started) throw new InvalidOperationException("The request body is already being read.");
                limit = value;
                if (server is { IsReadOnly: false }) server.MaxRequestBodySize = value;
            }
        }
    }

    private sealed class LimitedBody(Stream inner, LimitFeature feature, long? declaredLength, string field) : Stream
    {
        private long read;

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, Allow(count)));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) =>
            Count(await inner.ReadAsync(buffer[..Allow(buffer.Length)], ct));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
            ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

        /// <summary>Reads at most one byte past the limit, so a body over it is known without reading it all.</summary>
        private int Allow(int count)
        {
            feature.Started = true;
            if (feature.MaxRequestBodySize is not { } max) return count;
            if (declaredLength > max) throw TooLarge(max);
            return (int)Math.Min(count, Math.Max(1, max + 1 - read));
        }

        private int Count(int n)
        {
            read += n;
            if (feature.MaxRequestBodySize is { } max && read > max) throw TooLarge(max);
            return n;
        }

        private TooLargeException TooLarge(long max) =>
            new(field, $"请求体超过此接口允许的大小上限（{(max >= 1024 * 1024 ? $"{max / 1024 / 1024} MB" : $"{max / 1024} KB")}）。");

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
