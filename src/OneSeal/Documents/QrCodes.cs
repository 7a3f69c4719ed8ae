using QRCoder;

namespace OneSeal.Documents;

/// <summary>QR codes as SVG data: URIs, so documents need no network and print sharp at any size.</summary>
public static class QrCodes
{
    public static string SvgDataUri(string content)
    {
        using var data = QRCodeGenerator.GenerateQrCode(content, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(4, "#000000", "#ffffff", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
        return "data:image/svg+xml;base64," + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(svg));
    }
}
