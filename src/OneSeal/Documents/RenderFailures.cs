namespace OneSeal.Documents;

/// <summary>
/// A failed render of a sealed document (certificate, notice) is written on the document at once, so administrators see it
/// and its error (<c>/admin/documents</c>) while the outbox keeps retrying; the next success clears it.
/// </summary>
internal static class RenderFailures
{
    public const int MaxReasonLength = 2000;

    public static string Reason(Exception e)
    {
        var text = $"{e.GetType().Name}: {e.Message}";
        return text.Length > MaxReasonLength ? text[..MaxReasonLength] : text;
    }

    /// <summary>Runs <paramref name="mark"/>; a failure to record is logged and never hides the render's own error.</summary>
    public static async Task RecordAsync(ILogger log, string what, Guid id, Func<Task<int>> mark)
    {
        try
        {
            await mark();
        }
        catch (Exception e)
        {
            log.LogError(e, "Could not record the failed rendering of {What} {Id}", what, id);
        }
    }
}
