namespace OneSeal.Seal;

public sealed class SealOptions
{
    /// <summary><c>OneSeal:PublicBaseUrl</c>: where the public reaches this system; QR codes point here.</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5080";
    /// <summary><c>Seal:NumberPrefix</c>: letters before the year in certificate numbers (QS2026-000123).</summary>
    public string NumberPrefix { get; set; } = "QS";
    /// <summary><c>Seal:MaxVerifyUploadBytes</c>: the largest PDF accepted for verification.</summary>
    public long MaxVerifyUploadBytes { get; set; } = 20 * 1024 * 1024;

    public string VerifyUrl(string number) => $"{PublicBaseUrl.TrimEnd('/')}/verify/{Uri.EscapeDataString(number)}";
}
