namespace OneSeal.Documents;

/// <summary>
/// At start, removes render folders a crashed process left behind (<see cref="ChromiumPdfRenderer"/> deletes its own in a
/// <c>finally</c>, which a kill -9 or power loss skips): they hold <c>document.html</c> and <c>document.pdf</c> with the
/// addressee's name. Only folders older than any render can last are removed, so another instance sharing the temp folder
/// keeps the ones it is using.
/// </summary>
public sealed class StaleRenderFolders(PdfOptions options, ILogger<StaleRenderFolders> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Folder times are the machine's wall clock, not the business clock (a test host's fake clock may run ahead and
        // would take other hosts' live renders for stale ones).
        var removed = Sweep(options, DateTimeOffset.UtcNow, log);
        if (removed > 0) log.LogInformation("Removed {Count} render folders left by an earlier crash", removed);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Returns the number of folders removed.</summary>
    public static int Sweep(PdfOptions options, DateTimeOffset now, ILogger log)
    {
        if (!Directory.Exists(options.WorkFolder)) return 0;
        // A render lives at most its timeout plus the kill wait; twice that, plus a minute, cannot be in use.
        var cutoff = now - (options.Timeout * 2 + TimeSpan.FromMinutes(1));
        var removed = 0;
        foreach (var dir in new DirectoryInfo(options.WorkFolder).EnumerateDirectories(ChromiumPdfRenderer.FolderPrefix + "*"))
        {
            if (dir.LastWriteTimeUtc > cutoff.UtcDateTime) continue;
            try
            {
                dir.Delete(recursive: true);
                removed++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                log.LogWarning(e, "Could not remove stale render folder {Folder}", dir.FullName);
            }
        }
        return removed;
    }
}
