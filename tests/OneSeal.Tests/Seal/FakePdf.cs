using System.Text;
using OneSeal.Documents;

namespace OneSeal.Tests.Seal;

/// <summary>Stands in for Chromium where the PDF's look does not matter: distinct, deterministic bytes per certificate number.</summary>
public sealed class FakePdf : IPdfRenderer
{
    public static byte[] BytesFor(string number) => Encoding.UTF8.GetBytes($"%PDF-1.4 fake certificate {number}");

    public Task<byte[]> RenderAsync(string html, CancellationToken ct)
    {
        var number = System.Text.RegularExpressions.Regex.Match(html, @"QS\d{4}-\d{6}").Value;
        return Task.FromResult(BytesFor(number));
    }
}

/// <summary>A renderer that is down.</summary>
public sealed class FailingPdf : IPdfRenderer
{
    public Task<byte[]> RenderAsync(string html, CancellationToken ct) => throw new IOException("renderer is down");
}
