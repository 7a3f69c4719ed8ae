using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;

namespace OneSeal.Platform.Security;

/// <summary>HMAC with the SM3 digest (GB/T 32905), the keyed hash the audit anchors and the personal-data lookups use.</summary>
public static class HmacSm3
{
    public static byte[] Compute(byte[] key, byte[] data)
    {
        var mac = new HMac(new SM3Digest());
        mac.Init(new KeyParameter(key));
        mac.BlockUpdate(data, 0, data.Length);
        var result = new byte[mac.GetMacSize()];
        mac.DoFinal(result, 0);
        return result;
    }
}
