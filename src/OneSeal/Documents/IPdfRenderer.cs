namespace OneSeal.Documents;

/// <summary>Turns a self-contained HTML page (fonts from the system, images as data: URIs) into PDF bytes.</summary>
public interface IPdfRenderer
{
    Task<byte[]> RenderAsync(string html, CancellationToken ct);
}

/// <summary>The renderer could not produce a PDF (browser missing, crashed, or too slow).</summary>
public sealed class PdfRenderException(string message, Exception? inner = null) : Exception(message, inner);
