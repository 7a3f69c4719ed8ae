using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using OneSeal.Platform.Database;
using OneSeal.Seal;

namespace OneSeal.Tests.Seal;

public abstract class SealKeyStoreTests(DatabaseProvider provider) : IAsyncLifetime
{
    private SealTestDb _t = null!;

    public async Task InitializeAsync() => _t = await SealTestDb.CreateAsync(provider);
    public async Task DisposeAsync() => await _t.DisposeAsync();

    [Fact]
    public async Task First_use_generates_a_protected_key_and_later_uses_reload_it()
    {
        SealKeyPair first;
        await using (var db = _t.NewDb())
            first = await _t.KeyStore(db).GetActiveAsync(_t.BureauId, default);

        SealKeyPair again;
        await using (var db = _t.NewDb())
            again = await _t.KeyStore(db).GetActiveAsync(_t.BureauId, default);

        again.Key.Id.ShouldBe(first.Key.Id);
        again.PrivateKey.D.ShouldBe(first.PrivateKey.D);
        again.Key.Algorithm.ShouldBe("SM2");
        again.Key.Active.ShouldBeTrue();
        await using (var db = _t.NewDb())
            (await db.Set<SealKey>().CountAsync()).ShouldBe(1);

        // At rest the private key is Data Protection ciphertext, not the scalar.
        first.Key.PrivateKeyProtected.ShouldNotContain(Sm2Keys.PrivateToHex(first.PrivateKey));
        _t.Protection.CreateProtector(SealKeyStore.ProtectorPurpose).Unprotect(first.Key.PrivateKeyProtected)
            .ShouldBe(Sm2Keys.PrivateToHex(first.PrivateKey));
    }

    [Fact]
    public async Task A_seal_key_and_certificate_stored_by_the_old_crypto_library_still_verify_and_the_key_still_signs()
    {
        using var old = new LegacyCrypto();
        var keyId = Guid.NewGuid();
        await using (var db = _t.NewDb())
        {
            db.Add(new SealKey
            {
                Id = keyId, OrganisationId = _t.BureauId, Active = true, CreatedAt = DateTimeOffset.UtcNow,
                PublicKeyHex = old.Text("sealKey.publicKeyHex"), PrivateKeyProtected = old.Text("sealKey.privateKeyProtected"),
            });
            db.Add(StoredCertificate(keyId, old.Text("certificate.number"), old.Text("certificate.signedPayload"), old.Text("certificate.signature")));
            await db.SaveChangesAsync();
        }

        await using (var db = _t.NewDb())
            (await _t.Verifier(db).ByNumberAsync(old.Text("certificate.number"), default)).Genuine.ShouldBeTrue("signed by the old library");

        const string number = "QS2026-000043";
        await using (var db = _t.NewDb())
        {
            var seal = await new SealKeyStore(db, old.Protection, TimeProvider.System, NullLogger<SealKeyStore>.Instance).GetActiveAsync(_t.BureauId, default);
            seal.Key.Id.ShouldBe(keyId);
            var payload = old.Text("certificate.signedPayload").Replace(old.Text("certificate.number"), number);
            var signature = Convert.ToBase64String(Sm2Signature.Sign(seal.PrivateKey, System.Text.Encoding.UTF8.GetBytes(payload)));
            db.Add(StoredCertificate(keyId, number, payload, signature));
            await db.SaveChangesAsync();
        }
        await using (var db = _t.NewDb())
            (await _t.Verifier(db).ByNumberAsync(number, default)).Genuine.ShouldBeTrue("signed now with the old key");
    }

    private Certificate StoredCertificate(Guid keyId, string number, string payload, string signature) => new()
    {
        Id = Guid.NewGuid(), Number = number, CaseId = Guid.NewGuid(), HolderAccountId = Guid.NewGuid(), ItemCode = "11150102MB1234567X4000112001",
        Name = "食品经营许可证", TypeCode = "11100000000000042", HolderName = "青山县小满餐饮店", HolderCodeType = "001",
        HolderCodeMasked = "92150102MA0*****3X", HolderCodeProtected = "-", IssuerOrganisationId = _t.BureauId, IssuerName = "青山县行政审批局",
        IssuerCode = SealTestDb.BureauUscc, IssuedOn = new DateOnly(2026, 12, 7), ValidFrom = new DateOnly(2026, 12, 7),
        Status = CertificateStatus.Valid, PdfStatus = CertificatePdfStatus.Issued, PdfKey = "certificates/2026/legacy.pdf",
        PdfSha256 = CertificatePayload.Field(payload, CertificatePayload.PdfSha256Key)!, SignedPayload = payload, Signature = signature,
        SealKeyId = keyId, CreatedAt = DateTimeOffset.UtcNow,
    };

    [Fact]
    public async Task Private_key_cannot_be_read_with_another_purpose()
    {
        await using var db = _t.NewDb();
        var key = await _t.KeyStore(db).GetActiveAsync(_t.BureauId, default);
        Should.Throw<System.Security.Cryptography.CryptographicException>(() =>
            _t.Protection.CreateProtector("OneSeal.PersonalData.v1").Unprotect(key.Key.PrivateKeyProtected));
    }

    [Fact]
    public async Task Concurrent_first_uses_end_with_one_active_key()
    {
        var contexts = Enumerable.Range(0, 6).Select(_ => _t.NewDb()).ToList();
        try
        {
            var keys = await Task.WhenAll(contexts.Select(db => Task.Run(() => _t.KeyStore(db).GetActiveAsync(_t.BureauId, default))));
            keys.Select(k => k.Key.Id).Distinct().Count().ShouldBe(1);
            await using var check = _t.NewDb();
            (await check.Set<SealKey>().CountAsync(k => k.Active)).ShouldBe(1);
        }
        finally
        {
            foreach (var db in contexts) await db.DisposeAsync();
        }
    }

    [Fact]
    public async Task Key_created_inside_a_callers_transaction_does_not_save_the_callers_pending_changes()
    {
        await using var db = _t.NewDb();
        await using var tx = await db.Database.BeginTransactionAsync();
        db.Add(new OneSeal.Platform.Database.Sequence { Name = "pending-in-caller", Value = 41 });

        var key = await _t.KeyStore(db).GetActiveAsync(_t.BureauId, default);

        db.ChangeTracker.Entries().Single().State.ShouldBe(EntityState.Added);
        await tx.RollbackAsync();
        await using var check = _t.NewDb();
        (await check.Set<SealKey>().AnyAsync(k => k.Id == key.Key.Id)).ShouldBeFalse("rolled back with the caller");
    }
}

[Trait("Provider", "Sqlite")]
public sealed class SealKeyStoreTests_Sqlite() : SealKeyStoreTests(DatabaseProvider.Sqlite);

[Trait("Provider", "Postgres")]
public sealed class SealKeyStoreTests_Postgres() : SealKeyStoreTests(DatabaseProvider.Postgres);
