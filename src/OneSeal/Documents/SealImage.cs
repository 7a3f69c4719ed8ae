using System.Globalization;
using System.Net;
using System.Text;

namespace OneSeal.Documents;

/// <summary>
/// The bureau's red round seal as inline SVG: ring, five-pointed star, the organisation's name along the upper
/// arc and the seal's purpose below the star — the layout of a Chinese official seal (公章).
/// </summary>
public static class SealImage
{
    public const string Red = "#d7000f";
    private const double Centre = 100, Ring = 93, TextRadius = 68, ArcDegrees = 250;

    public static string Svg(string organisationName, string purpose = "行政审批专用章", string id = "seal")
    {
        var name = organisationName.Trim();
        var chars = Math.Max(1, new StringInfo(name).LengthInTextElements);
        var arcLength = TextRadius * ArcDegrees * Math.PI / 180;
        // Characters sit about 1.25 em apart along the arc; long names get smaller type, short ones no larger than 26.
        var fontSize = Math.Clamp(arcLength / (chars * 1.25), 12, 26);
        var start = Point(-ArcDegrees / 2);
        var end = Point(ArcDegrees / 2);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" role="img" aria-label="{Encode(name)}印章" class="seal">""");
        svg.Append(CultureInfo.InvariantCulture, $"""<defs><path id="{id}-arc" d="M {start.X:0.##} {start.Y:0.##} A {TextRadius} {TextRadius} 0 1 1 {end.X:0.##} {end.Y:0.##}"/></defs>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<g fill="{Red}" stroke="none" font-family="'Noto Serif CJK SC','Noto Sans CJK SC',serif" font-weight="700">""");
        svg.Append(CultureInfo.InvariantCulture, $"""<circle cx="{Centre}" cy="{Centre}" r="{Ring}" fill="none" stroke="{Red}" stroke-width="5"/>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<polygon points="{Star(Centre, Centre, 27, 10.5)}"/>""");
        svg.Append(CultureInfo.InvariantCulture,
            $"""<text font-size="{fontSize:0.#}"><textPath href="#{id}-arc" startOffset="50%" text-anchor="middle" textLength="{arcLength * 0.96:0.#}" lengthAdjust="spacing">{Encode(name)}</textPath></text>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Centre}" y="{Centre + 50}" font-size="15" text-anchor="middle">{Encode(purpose)}</text>""");
        svg.Append("</g></svg>");
        return svg.ToString();
    }

    /// <summary>
    /// The seal printed on a document: the impression the administrator uploaded for the issuer's seal (a checked PNG) when
    /// there is one, else the standard seal drawn with the issuer's name.
    /// </summary>
    public static string Html(string organisationName, byte[]? png) => png is { Length: > 0 }
        ? $"""<img class="seal" src="data:image/png;base64,{Convert.ToBase64String(png)}" alt="{Encode(organisationName.Trim())}印章">"""
        : Svg(organisationName);

    /// <summary>A point on the text circle, <paramref name="degrees"/> clockwise from the top.</summary>
    private static (double X, double Y) Point(double degrees)
    {
        var rad = degrees * Math.PI / 180;
        return (Centre + TextRadius * Math.Sin(rad), Centre - TextRadius * Math.Cos(rad));
    }

    private static string Star(double cx, double cy, double outer, double inner) =>
        string.Join(' ', Enumerable.Range(0, 10).Select(i =>
        {
            var r = i % 2 == 0 ? outer : inner;
            var rad = i * Math.PI / 5;
            return string.Create(CultureInfo.InvariantCulture, $"{cx + r * Math.Sin(rad):0.##},{cy - r * Math.Cos(rad):0.##}");
        }));

    private static string Encode(string s) => WebUtility.HtmlEncode(s);
}
