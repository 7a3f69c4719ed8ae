using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using OneSeal.Platform.Audit;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Seal;

/// <summary>
/// What the code on Portable.BouncyCastle 1.8.10 stored (Fixtures/bouncycastle-1.8.10): its key ring and audit key
/// file copied to a temp folder (Data Protection may add a key to a ring whose keys expired), and its fixtures.json.
/// </summary>
public sealed class LegacyCrypto : IDisposable
{
    private static readonly string Source = Path.Combine(AppContext.BaseDirectory, "Fixtures", "bouncycastle-1.8.10");

    public DirectoryInfo Keys { get; }
    public IDataProtectionProvider Protection { get; }
    public AuditKeys AuditKeys { get; }
    public JsonElement Fixture { get; }

    public LegacyCrypto()
    {
        Keys = Directory.CreateTempSubdirectory("oneseal-legacy-keys-");
        foreach (var file in Directory.GetFiles(Path.Combine(Source, "keys")))
            File.Copy(file, Path.Combine(Keys.FullName, Path.GetFileName(file)));
        Fixture = JsonDocument.Parse(File.ReadAllText(Path.Combine(Source, "fixtures.json"))).RootElement;
        Protection = DataProtectionProvider.Create(Keys, b => b.SetApplicationName(Text("dataProtectionApplicationName")));
        AuditKeys = new AuditKeys(Keys.FullName);
    }

    /// <summary>A string at a dotted path of fixtures.json, e.g. "certificate.signature".</summary>
    public string Text(string path) =>
        path.Split('.').Aggregate(Fixture, (e, name) => e.GetProperty(name)).GetString()!;

    public void Dispose() => TestDatabase.TryDeleteFolder(Keys.FullName);
}
