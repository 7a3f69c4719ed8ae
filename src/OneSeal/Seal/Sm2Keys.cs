using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace OneSeal.Seal;

/// <summary>SM2 key pairs on the sm2p256v1 curve (GB/T 32918), with the hex forms the database and the public key list use.</summary>
public static class Sm2Keys
{
    public static readonly ECDomainParameters Domain = CreateDomain();

    public static AsymmetricCipherKeyPair Generate()
    {
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(Domain, new SecureRandom()));
        return generator.GenerateKeyPair();
    }

    /// <summary>Uncompressed point 04‖X‖Y as lowercase hex.</summary>
    public static string PublicToHex(ECPublicKeyParameters key) => Convert.ToHexStringLower(key.Q.GetEncoded(false));

    public static ECPublicKeyParameters PublicFromHex(string hex) =>
        new(Domain.Curve.DecodePoint(Convert.FromHexString(hex)), Domain);

    /// <summary>The private scalar d as 32 bytes of lowercase hex.</summary>
    public static string PrivateToHex(ECPrivateKeyParameters key) => Convert.ToHexStringLower(key.D.ToByteArrayUnsigned().PadLeft(32));

    public static ECPrivateKeyParameters PrivateFromHex(string hex) => new(new BigInteger(1, Convert.FromHexString(hex)), Domain);

    private static byte[] PadLeft(this byte[] bytes, int length) =>
        bytes.Length >= length ? bytes : [.. new byte[length - bytes.Length], .. bytes];

    private static ECDomainParameters CreateDomain()
    {
        var curve = GMNamedCurves.GetByOid(GMObjectIdentifiers.sm2p256v1);
        return new ECDomainParameters(curve.Curve, curve.G, curve.N, curve.H, curve.GetSeed());
    }
}
