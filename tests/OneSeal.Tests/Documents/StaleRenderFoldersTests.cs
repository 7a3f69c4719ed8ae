using Microsoft.Extensions.Logging.Abstractions;
using OneSeal.Documents;

namespace OneSeal.Tests.Documents;

/// <summary>
/// Defect 17: a render folder a crash left behind (with the addressee's name in document.html) is removed at start; so is
/// a long-lived browser's profile once its browser is gone, while a live browser keeps its own however old.
/// </summary>
public class StaleRenderFoldersTests
{
    [Fact]
    public void Defect17_render_folders_left_by_a_crash_are_removed_at_start_and_live_ones_kept()
    {
        var work = Directory.CreateTempSubdirectory("oneseal-render-sweep-");
        try
        {
            var options = new PdfOptions { WorkFolder = work.FullName };
            var now = DateTimeOffset.UtcNow;
            var crashed = Folder(work, ChromiumPdfRenderer.FolderPrefix + Guid.NewGuid().ToString("N"), now.AddHours(-3));
            var live = Folder(work, ChromiumPdfRenderer.FolderPrefix + Guid.NewGuid().ToString("N"), now.AddSeconds(-5));
            var other = Folder(work, "someone-else", now.AddHours(-3));

            var removed = StaleRenderFolders.Sweep(options, now, NullLogger.Instance);

            removed.ShouldBe(1);
            Directory.Exists(crashed).ShouldBeFalse("a folder older than any render can last holds a crashed render's document");
            Directory.Exists(live).ShouldBeTrue("a render in progress (another instance) keeps its folder");
            Directory.Exists(other).ShouldBeTrue("only the renderer's own folders are touched");
        }
        finally { work.Delete(recursive: true); }
    }

    [Fact]
    public void A_browser_profile_is_kept_while_its_browser_lives_and_removed_once_it_is_gone()
    {
        var work = Directory.CreateTempSubdirectory("oneseal-render-sweep-");
        try
        {
            var options = new PdfOptions { WorkFolder = work.FullName };
            var now = DateTimeOffset.UtcNow;
            // Chromium's SingletonLock names host and pid: this test process stands in for a live browser.
            var live = Profile(work, $"{Environment.MachineName}-{Environment.ProcessId}", now.AddHours(-3));
            var gone = Profile(work, $"{Environment.MachineName}-{int.MaxValue}", now.AddHours(-3));

            StaleRenderFolders.Sweep(options, now, NullLogger.Instance).ShouldBe(1);
            Directory.Exists(live).ShouldBeTrue("a running browser keeps its profile, however long it has run");
            Directory.Exists(gone).ShouldBeFalse("a profile whose browser has gone is removed");
        }
        finally { work.Delete(recursive: true); }
    }

    private static string Profile(DirectoryInfo parent, string lockTarget, DateTimeOffset lastWrite)
    {
        var dir = parent.CreateSubdirectory(ChromiumPdfRenderer.FolderPrefix + "browser-" + Guid.NewGuid().ToString("N"));
        File.CreateSymbolicLink(Path.Combine(dir.FullName, "SingletonLock"), lockTarget);
        Directory.SetLastWriteTimeUtc(dir.FullName, lastWrite.UtcDateTime);
        return dir.FullName;
    }

    private static string Folder(DirectoryInfo parent, string name, DateTimeOffset lastWrite)
    {
        var dir = parent.CreateSubdirectory(name);
        File.WriteAllText(Path.Combine(dir.FullName, "document.html"), "<p>致：张三</p>");
        Directory.SetLastWriteTimeUtc(dir.FullName, lastWrite.UtcDateTime);
        return dir.FullName;
    }
}
