using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using OneSeal.Documents;
using OneSeal.Organisation;
using OneSeal.Platform.Database;
using OneSeal.Platform.Storage;
using OneSeal.Seal;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Seal;

/// <summary>
/// A fresh database of the given provider (<see cref="TestDatabase"/>), built from the model, with one bureau in it;
/// plus a key ring and file store in a temp folder.
/// </summary>
public sealed class SealTestDb : IAsyncDisposable
{
    public const string BureauUscc = "121000004000000010";

    public DirectoryInfo Folder { get; } = Directory.CreateTempSubdirectory("oneseal-seal-test-");
    public IDataProtectionProvider Protection { get; }
    public LocalFileStore Files { get; }
    public Guid BureauId { get; } = Guid.NewGuid();
    public SealOptions Options { get; } = new() { PublicBaseUrl = "https://zwfw.example.gov.cn" };
    private TestDatabase _database = null!;

    private SealTestDb()
    {
        Protection = DataProtectionProvider.Create(Folder.CreateSubdirectory("keys"));
        Files = new LocalFileStore(Folder.CreateSubdirectory("files").FullName);
    }

    public static async Task<SealTestDb> CreateAsync(DatabaseProvider provider)
    {
        var t = new SealTestDb { _database = await TestDatabase.CreateAsync(provider) };
        await using var db = t.NewDb();
        await db.Database.EnsureCreatedAsync();
        db.Add(new Agency { Id = t.BureauId, Code = "QSXSPJ", Name = "青山县行政审批局", Kind = OrganisationKind.Bureau, Uscc = BureauUscc, RegionCode = "150102" });
        await db.SaveChangesAsync();
        return t;
    }

    public OneSealDb NewDb() => _database.NewContext();

    public SealKeyStore KeyStore(OneSealDb db) => new(db, Protection, TimeProvider.System, NullLogger<SealKeyStore>.Instance);

    public CertificateIssuer Issuer(OneSealDb db) =>
        new(db, KeyStore(db), new OneSeal.Platform.Security.PersonalData(Protection), Options, TimeProvider.System);

    /// <summary>What the outbox does after the decision commits: render, store and sign the certificate's PDF.</summary>
    public async Task<Certificate> RenderAsync(Guid certificateId, IPdfRenderer renderer)
    {
        await using (var db = NewDb())
        {
            var handler = new CertificateRenderHandler(db, renderer, Files, KeyStore(db), new OneSeal.Platform.Security.PersonalData(Protection),
                Options, TimeProvider.System, NullLogger<CertificateRenderHandler>.Instance);
            await handler.HandleAsync(new OneSeal.Platform.Outbox.OutboxMessage
            {
                Topic = CertificateTopics.Render, Payload = $"{{\"certificateId\":\"{certificateId}\"}}",
            }, default);
        }
        await using var check = NewDb();
        return await check.Set<Certificate>().AsNoTracking().SingleAsync(c => c.Id == certificateId);
    }

    public CertificateVerifier Verifier(OneSealDb db) => new(db, TimeProvider.System, NullLogger<CertificateVerifier>.Instance);

    public CertificateRegistry Registry(OneSealDb db) => new(db, TimeProvider.System, NullLogger<CertificateRegistry>.Instance, []);

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

    public async ValueTask DisposeAsync()
    {
        await _database.DisposeAsync();
        TestDatabase.TryDeleteFolder(Folder.FullName);
    }
}
