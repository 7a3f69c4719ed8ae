using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Org.BouncyCastle.Crypto.Digests;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Security;
using OneSeal.Seal;

namespace OneSeal.Tests.Seal;

/// <summary>
/// After the move from Portable.BouncyCastle 1.8.10 to BouncyCastle.Cryptography 2.x (ADR 0010): what the old code
/// signed and encrypted still verifies and decrypts, and the old keys sign with the new code.
/// The database half (a stored certificate through the verifier) is in <see cref="SealKeyStoreTests"/>.
/// </summary>
public sealed class LegacyCryptoTests : IDisposable
{
    private readonly LegacyCrypto _old = new();

    public void Dispose() => _old.Dispose();

    private byte[] Payload => Encoding.UTF8.GetBytes(_old.Text("certificate.signedPayload"));

    [Fact]
    public void A_certificate_signed_by_the_old_library_verifies_and_an_altered_one_does_not()
    {
        var publicKey = Sm2Keys.PublicFromHex(_old.Text("sealKey.publicKeyHex"));
        var signature = Convert.FromBase64String(_old.Text("certificate.signature"));

        Sm2Signature.Verify(publicKey, Payload, signature).ShouldBeTrue();
        var altered = Encoding.UTF8.GetBytes(_old.Text("certificate.signedPayload").Replace("QS2026-000042", "QS2026-000043"));
        Sm2Signature.Verify(publicKey, altered, signature).ShouldBeFalse();
    }

    [Fact]
    public void An_old_seal_key_as_stored_signs_with_the_new_library_and_its_old_public_key_verifies()
    {
        var privateHex = _old.Protection.CreateProtector(SealKeyStore.ProtectorPurpose).Unprotect(_old.Text("sealKey.privateKeyProtected"));
        var privateKey = Sm2Keys.PrivateFromHex(privateHex);

        var signature = Sm2Signature.Sign(privateKey, Payload);

        Sm2Signature.Verify(Sm2Keys.PublicFromHex(_old.Text("sealKey.publicKeyHex")), Payload, signature).ShouldBeTrue();
        // The public point derived by the new library from the old scalar is the one stored beside it.
        Sm2Keys.PublicToHex(new Org.BouncyCastle.Crypto.Parameters.ECPublicKeyParameters(
            Sm2Keys.Domain.G.Multiply(privateKey.D).Normalize(), Sm2Keys.Domain)).ShouldBe(_old.Text("sealKey.publicKeyHex"));
        Sm2Keys.PrivateToHex(privateKey).ShouldBe(privateHex);
    }

    [Fact]
    public void A_personal_value_protected_by_the_old_build_decrypts() =>
        new PersonalData(_old.Protection).Unprotect(_old.Text("personalData.protectedValue")).ShouldBe(_old.Text("personalData.plain"));

    [Fact]
    public void An_audit_anchor_signed_with_HMAC_SM3_by_the_old_library_matches_byte_for_byte()
    {
        var secret = _old.AuditKeys.Find(_old.Text("auditAnchor.keyId")).ShouldNotBeNull("the old key file is read");
        var hash = _old.Text("auditAnchor.anchorHash");

        AuditKeys.Sign(secret, hash).ShouldBe(_old.Text("auditAnchor.signature"));
        AuditKeys.Matches(secret, hash, _old.Text("auditAnchor.signature")).ShouldBeTrue();
        AuditKeys.Matches(secret, hash.Replace('5', '6'), _old.Text("auditAnchor.signature")).ShouldBeFalse();
    }

    [Fact]
    public void SM3_gives_the_old_digest_which_is_the_GB_T_32905_test_vector()
    {
        var digest = new SM3Digest();
        var input = Encoding.ASCII.GetBytes(_old.Text("sm3.input"));
        digest.BlockUpdate(input, 0, input.Length);
        var output = new byte[digest.GetDigestSize()];
        digest.DoFinal(output, 0);

        Convert.ToHexStringLower(output).ShouldBe(_old.Text("sm3.digestHex"));
        // GB/T 32905-2016 Appendix A.1.
        _old.Text("sm3.digestHex").ShouldBe("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    }
}
