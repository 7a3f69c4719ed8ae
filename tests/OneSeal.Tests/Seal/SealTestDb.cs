using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using OneSeal.Documents;
using OneSeal.Organisation;
using OneSeal.Platform.Database;
using OneSeal.Platform.Storage;
using OneSeal.Seal;

namespace OneSeal.Tests.Seal;

/// <summary>A throwaway SQLite file database, key ring and file store in a temp folder, with one bureau in it.</summary>
public sealed class SealTestDb : IDisposable
{
    public const string BureauUscc = "121000004000000010";

    public DirectoryInfo Folder { get; } = Directory.CreateTempSubdirectory("oneseal-seal-test-");
    public IDataProtectionProvider Protection { get; }
    public LocalFileStore Files { get; }
    public Guid BureauId { get; } = Guid.NewGuid();
    public SealOptions Options { get; } = new() { PublicBaseUrl = "https://zwfw.example.gov.cn" };
    private readonly string _connectionString;

    public SealTestDb()
    {
        _connectionString = $"Data Source={Path.Combine(Folder.FullName, "oneseal.db")}";
        Protection = DataProtectionProvider.Create(Folder.CreateSubdirectory("keys"));
        Files = new LocalFileStore(Folder.CreateSubdirectory("files").FullName);
        using var db = NewDb();
        db.Database.EnsureCreated();
        db.Add(new OneSeal.Organisation.Org { Id = BureauId, Code = "QSXSPJ", Name = "青山县行政审批局", Kind = OrganisationKind.Bureau, Uscc = BureauUscc, RegionCode = "150102" });
        db.SaveChanges();
    }

    public OneSealDb NewDb()
    {
        var options = new DbContextOptionsBuilder<OneSealDb>();
        DatabaseSetup.Configure(options, DatabaseProvider.Sqlite, _connectionString);
        return new OneSealDb(options.Options);
    }

    public SealKeyStore KeyStore(OneSealDb db) => new(db, Protection, TimeProvider.System, NullLogger<SealKeyStore>.Instance);

    public CertificateIssuer Issuer(OneSealDb db, IPdfRenderer renderer) =>
        new(db, KeyStore(db), renderer, Files, Protection, Options, TimeProvider.System);

    public CertificateVerifier Verifier(OneSealDb db) => new(db, TimeProvider.System, NullLogger<CertificateVerifier>.Instance);

    public CertificateRegistry Registry(OneSealDb db) => new(db, TimeProvider.System, NullLogger<CertificateRegistry>.Instance);

    public CertificateRequest Request(string holderCode = "91350100M000100Y43", string holderCodeType = HolderCodeTypes.CreditCode) =>
        SampleRequest(BureauId, holderCode, holderCodeType);

    public static readonly IReadOnlyList<KeyValuePair<string, string>> SampleDetails =
    [
        new("法定代表人（负责人）", "王五"),
        new("住所", "青山县幸福路88号"),
        new("经营场所", "青山县幸福路88号一层"),
        new("主体业态", "餐饮服务经营者（中型餐馆）"),
        new("经营项目", "热食类食品制售；冷食类食品制售；自制饮品制售"),
    ];

    /// <summary>A food business licence for an enterprise, issued by the test bureau.</summary>
    public static CertificateRequest SampleRequest(Guid issuerId, string holderCode = "91350100M000100Y43", string holderCodeType = HolderCodeTypes.CreditCode) => new(
        CaseId: Guid.NewGuid(), CaseNumber: "QS20261121-0007", HolderAccountId: Guid.NewGuid(),
        ItemCode: "11150102MB1234567X4000111222000", ItemName: "食品经营许可",
        CertificateName: "食品经营许可证", TypeCode: "11100000000000001", HolderName: "青山县好味道餐饮有限公司",
        HolderCodeType: holderCodeType, HolderCode: holderCode,
        IssuerOrganisationId: issuerId, IssuerName: "青山县行政审批局", IssuerCode: BureauUscc,
        IssuedOn: new DateOnly(2026, 11, 21), ValidFrom: new DateOnly(2026, 11, 21), ValidUntil: new DateOnly(2031, 11, 20),
        Details: SampleDetails);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Folder.Delete(recursive: true); } catch (IOException) { }
    }
}
