using System.Text;
using Org.BouncyCastle.Crypto.Parameters;
using OneSeal.Seal;

namespace OneSeal.Tests.Seal;

public class Sm2SignatureTests
{
    private static readonly byte[] Payload = Encoding.UTF8.GetBytes("{\"证照名称\":\"食品经营许可证\",\"证照编号\":\"QS2026-000001\"}");

    private static (ECPrivateKeyParameters Private, ECPublicKeyParameters Public) NewKey()
    {
        var pair = Sm2Keys.Generate();
        return ((ECPrivateKeyParameters)pair.Private, (ECPublicKeyParameters)pair.Public);
    }

    [Fact]
    public void Signature_verifies_with_the_signers_public_key()
    {
        var key = NewKey();
        Sm2Signature.Verify(key.Public, Payload, Sm2Signature.Sign(key.Private, Payload)).ShouldBeTrue();
    }

    [Fact]
    public void Keys_are_on_the_sm2p256v1_curve()
    {
        var key = NewKey();
        key.Public.Parameters.Curve.FieldSize.ShouldBe(256);
        // The SM2 recommended curve's prime p = FFFFFFFE FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF 00000000 FFFFFFFF FFFFFFFF (GB/T 32918.5).
        key.Public.Parameters.Curve.Field.Characteristic.ToString(16).ToUpperInvariant()
            .ShouldBe("FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFF");
    }

    [Fact]
    public void One_flipped_byte_in_the_data_fails()
    {
        var key = NewKey();
        var signature = Sm2Signature.Sign(key.Private, Payload);
        for (var i = 0; i < Payload.Length; i += 7)
        {
            var altered = (byte[])Payload.Clone();
            altered[i] ^= 0x01;
            Sm2Signature.Verify(key.Public, altered, signature).ShouldBeFalse($"byte {i}");
        }
    }

    [Fact]
    public void One_flipped_byte_in_the_signature_fails_without_throwing()
    {
        var key = NewKey();
        var signature = Sm2Signature.Sign(key.Private, Payload);
        for (var i = 0; i < signature.Length; i++)
        {
            var altered = (byte[])signature.Clone();
            altered[i] ^= 0x80;
            Sm2Signature.Verify(key.Public, Payload, altered).ShouldBeFalse($"byte {i}");
        }
        Sm2Signature.Verify(key.Public, Payload, []).ShouldBeFalse();
    }

    [Fact]
    public void Another_organisations_key_fails()
    {
        var signer = NewKey();
        var other = NewKey();
        Sm2Signature.Verify(other.Public, Payload, Sm2Signature.Sign(signer.Private, Payload)).ShouldBeFalse();
    }

    [Fact]
    public void Keys_survive_the_hex_round_trip_used_for_storage()
    {
        var key = NewKey();
        var publicHex = Sm2Keys.PublicToHex(key.Public);
        publicHex.Length.ShouldBe(130);
        publicHex.ShouldStartWith("04");
        var privateHex = Sm2Keys.PrivateToHex(key.Private);
        privateHex.Length.ShouldBe(64);

        var signature = Sm2Signature.Sign(Sm2Keys.PrivateFromHex(privateHex), Payload);
        Sm2Signature.Verify(Sm2Keys.PublicFromHex(publicHex), Payload, signature).ShouldBeTrue();
    }
}
