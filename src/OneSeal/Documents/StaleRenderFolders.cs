namespace OneSeal.Documents;

/// <summary>
/// At start, removes the Chromium profile folders a crashed process left behind (<see cref="ChromiumPdfRenderer"/> deletes
/// its own when it stops, which a kill -9 or power loss skips), and the per-document render folders of versions before
/// issue 9 (they held <c>document.html</c> with the addressee's name). Another instance sharing the temp folder keeps its
/// own: a folder is removed only when it is older than any start or render can last and no live browser on this machine
/// holds it (Chromium's <c>SingletonLock</c> names the host and process that owns a profile).
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
        // A browser takes at most the timeout to start (and lock its profile); twice that, plus a minute, is past any start.
        var cutoff = now - (options.Timeout * 2 + TimeSpan.FromMinutes(1));
        var removed = 0;
        foreach (var dir in new DirectoryInfo(options.WorkFolder).EnumerateDirectories(ChromiumPdfRenderer.FolderPrefix + "*"))
        {
            if (dir.LastWriteTimeUtc > cutoff.UtcDateTime || HeldByLiveBrowser(dir)) continue;
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

    /// <summary>Chromium's <c>SingletonLock</c> is a symbolic link to "host-pid".</summary>
    private static bool HeldByLiveBrowser(DirectoryInfo dir)
    {
        var target = new FileInfo(Path.Combine(dir.FullName, "SingletonLock")).LinkTarget;
        if (target is null) return false;
        var dash = target.LastIndexOf('-');
        if (dash <= 0 || !int.TryParse(target.AsSpan(dash + 1), out var pid)) return false;
        if (!string.Equals(target[..dash], Environment.MachineName, StringComparison.OrdinalIgnoreCase)) return true; // not ours to judge
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false; // no such process: the browser is gone
        }
    }
}
