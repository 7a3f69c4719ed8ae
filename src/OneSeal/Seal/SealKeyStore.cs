using OneSeal.Platform.Time;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using OneSeal.Platform.Database;
using Org.BouncyCastle.Crypto.Parameters;

namespace OneSeal.Seal;

/// <summary>An organisation's active seal key with its private half unprotected, for signing.</summary>
public sealed record SealKeyPair(SealKey Key, ECPrivateKeyParameters PrivateKey, ECPublicKeyParameters PublicKey)
{
    /// <summary>What a signed document records to name the key it was sealed with.</summary>
    public Guid KeyId => Key.Id;
}

/// <summary>
/// Keeps each organisation's SM2 seal key: created on first use, private half encrypted with Data Protection.
/// </summary>
public sealed class SealKeyStore(OneSealDb db, IDataProtectionProvider protection, TimeProvider clock, ILogger<SealKeyStore> log)
{
    public const string ProtectorPurpose = "OneSeal.Seal.PrivateKey.v1";

    private readonly IDataProtector _protector = protection.CreateProtector(ProtectorPurpose);

    public async Task<SealKeyPair> GetActiveAsync(Guid organisationId, CancellationToken ct)
    {
        var key = await FindActiveAsync(organisationId, ct) ?? await CreateAsync(organisationId, ct);
        var privateKey = Sm2Keys.PrivateFromHex(_protector.Unprotect(key.PrivateKeyProtected));
        return new SealKeyPair(key, privateKey, Sm2Keys.PublicFromHex(key.PublicKeyHex));
    }

    /// <summary>The public half of a seal key, active or retired, to verify what it signed; null for an unknown key.</summary>
    public static async Task<ECPublicKeyParameters?> PublicKeyAsync(OneSealDb db, Guid keyId, CancellationToken ct) =>
        await db.Set<SealKey>().AsNoTracking().Where(k => k.Id == keyId).Select(k => k.PublicKeyHex).SingleOrDefaultAsync(ct) is { } hex
            ? Sm2Keys.PublicFromHex(hex)
            : null;

    private Task<SealKey?> FindActiveAsync(Guid organisationId, CancellationToken ct) =>
        db.Set<SealKey>().AsNoTracking().SingleOrDefaultAsync(k => k.OrganisationId == organisationId && k.Active, ct);

    /// <summary>
    /// Saves the new key through a second context on the same connection and transaction: the caller's pending
    /// changes are not flushed early, SQLite sees no second writer, and the key commits with the caller's work.
    /// If a concurrent request created the key first, the unique index on active keys rejects ours (EF rolls back to
    /// its savepoint, leaving the caller's transaction usable) and we read theirs.
    /// </summary>
    private async Task<SealKey> CreateAsync(Guid organisationId, CancellationToken ct)
    {
        var key = NewKey(organisationId);

        await using (var side = SideContext())
        {
            side.Add(key);
            try
            {
                await side.SaveChangesAsync(ct);
                log.LogInformation("Created SM2 seal key {KeyId} for organisation {OrganisationId}", key.Id, organisationId);
                return key;
            }
            catch (DbUpdateException)
            {
                // Lost the race (or the organisation does not exist): whatever is there now wins.
            }
        }
        return await FindActiveAsync(organisationId, ct)
            ?? throw new InvalidOperationException($"Could not create a seal key for organisation {organisationId}.");
    }

    /// <summary>A fresh active SM2 key for the organisation, private half protected; not added to any context.</summary>
    public SealKey NewKey(Guid organisationId)
    {
        var pair = Sm2Keys.Generate();
        return new SealKey
        {
            Id = Guid.NewGuid(),
            OrganisationId = organisationId,
            PublicKeyHex = Sm2Keys.PublicToHex((ECPublicKeyParameters)pair.Public),
            PrivateKeyProtected = _protector.Protect(Sm2Keys.PrivateToHex((ECPrivateKeyParameters)pair.Private)),
            CreatedAt = clock.Now(),
            Active = true,
        };
    }

    private OneSealDb SideContext()
    {
        var connection = db.Database.GetDbConnection();
        var options = new DbContextOptionsBuilder<OneSealDb>();
        if (db.IsPostgres) options.UseNpgsql(connection); else options.UseSqlite(connection);
        var side = new OneSealDb(options.Options);
        if (db.Database.CurrentTransaction is { } tx) side.Database.UseTransaction(tx.GetDbTransaction());
        return side;
    }
}
