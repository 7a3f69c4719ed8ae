namespace OneSeal.Platform.Http;

/// <summary>The optimistic-concurrency precondition: <c>If-Match: "N"</c> carries the version (ETag) the client read.</summary>
public static class IfMatch
{
    /// <summary>The version sent, or null when none (or <c>*</c>): then the command is unconditional.</summary>
    public static int? Read(HttpContext http, string example)
    {
        var raw = http.Request.Headers.IfMatch.ToString().Trim().Trim('"');
        if (raw.Length == 0 || raw == "*") return null;
        return int.TryParse(raw, out var v) ? v : throw new InvalidInputException("If-Match", "format", $"If-Match 应为{example}，例如 \"3\"。");
    }
}
