using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace OneSeal.Seal;

/// <summary>
/// SM2 signatures with the SM3 digest and the default user ID "1234567812345678" (GB/T 32918.2, GM/T 0009),
/// encoded as DER SEQUENCE { r, s } — what other Chinese e-seal verifiers expect.
/// </summary>
public static class Sm2Signature
{
    public static byte[] Sign(ECPrivateKeyParameters privateKey, ReadOnlySpan<byte> data)
    {
        var signer = new SM2Signer();
        signer.Init(true, new ParametersWithRandom(privateKey, new SecureRandom()));
        var bytes = data.ToArray();
        signer.BlockUpdate(bytes, 0, bytes.Length);
        return signer.GenerateSignature();
    }

    /// <summary>False for a wrong key, altered data or a malformed signature; never throws on bad input.</summary>
    public static bool Verify(ECPublicKeyParameters publicKey, ReadOnlySpan<byte> data, byte[] signature)
    {
        try
        {
            var signer = new SM2Signer();
            signer.Init(false, publicKey);
            var bytes = data.ToArray();
            signer.BlockUpdate(bytes, 0, bytes.Length);
            return signer.VerifySignature(signature);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException or Org.BouncyCastle.Crypto.CryptoException or IOException)
        {
            return false;
        }
    }
}
