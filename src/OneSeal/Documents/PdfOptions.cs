namespace OneSeal.Documents;

/// <summary>Settings of <see cref="ChromiumPdfRenderer"/> (<c>Pdf:*</c> in configuration).</summary>
public sealed class PdfOptions
{
    /// <summary><c>Pdf:ChromiumPath</c>: the system's Chromium; a browser is never downloaded.</summary>
    public string ChromiumPath { get; set; } = "/usr/bin/chromium";

    /// <summary><c>Pdf:TimeoutSeconds</c>: how long one document may take (and the browser to start) before it fails.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// <c>Pdf:MaxConcurrency</c>: pages rendered at once in the one browser. A page is a renderer process of a few tens of MB
    /// that keeps a core busy while it lays out; callers beyond this wait their turn.
    /// </summary>
    public int MaxConcurrency { get; set; } = 2;

    /// <summary>Where the browser's profile folder lives while it runs (removed when it stops).</summary>
    public string WorkFolder { get; set; } = Path.GetTempPath();
}
