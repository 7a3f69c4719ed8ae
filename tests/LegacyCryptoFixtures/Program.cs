using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Security;
using OneSeal.Seal;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;

// Writes what the old code stored: a seal key (public hex + Data Protection-protected private hex), a certificate signed
// with it, a personal value protected at rest, an audit anchor key file and an anchor signed with it, and an SM3 digest.
var root = Directory.CreateDirectory(args[0]);
var keys = root.CreateSubdirectory("keys");
var protection = DataProtectionProvider.Create(keys, b => b.SetApplicationName("OneSeal"));

var pair = Sm2Keys.Generate();
var publicHex = Sm2Keys.PublicToHex((ECPublicKeyParameters)pair.Public);
var privateProtected = protection.CreateProtector(SealKeyStore.ProtectorPurpose).Protect(Sm2Keys.PrivateToHex((ECPrivateKeyParameters)pair.Private));

var certificate = new Certificate
{
    Number = "QS2026-000042", ItemCode = "11150102MB1234567X4000112001", Name = "食品经营许可证", TypeCode = "11100000000000042",
    HolderName = "青山县小满餐饮店", HolderCodeType = "001", HolderCodeMasked = "92150102MA0*****3X", HolderCodeProtected = "",
    IssuerName = "青山县行政审批局", IssuerCode = "121000004000000010", IssuedOn = new DateOnly(2026, 12, 7),
    ValidFrom = new DateOnly(2026, 12, 7), ValidUntil = new DateOnly(2031, 12, 6), PdfKey = "", PrintProtected = "",
    PdfSha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", SignedPayload = "", Signature = "",
};
var payload = CertificatePayload.Build(certificate, "QS-2026-000123");
var signature = Convert.ToBase64String(Sm2Signature.Sign((ECPrivateKeyParameters)pair.Private, Encoding.UTF8.GetBytes(payload)));

const string citizenId = "110101199003074477";
var idProtected = new PersonalData(protection).Protect(citizenId);

var auditKeys = new AuditKeys(keys.FullName);
var (keyId, secret) = auditKeys.Current();
const string anchorHash = "5d2b0c3f4e1a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c";
var anchorSignature = AuditKeys.Sign(secret, anchorHash);

var sm3 = new SM3Digest();
var abc = Encoding.ASCII.GetBytes("abc");
sm3.BlockUpdate(abc, 0, abc.Length);
var digest = new byte[sm3.GetDigestSize()];
sm3.DoFinal(digest, 0);

var fixture = new
{
    producedWith = "Portable.BouncyCastle 1.8.10, OneSeal at commit " + args[1],
    dataProtectionApplicationName = "OneSeal",
    sealKey = new { publicKeyHex = publicHex, privateKeyProtected = privateProtected },
    certificate = new { number = certificate.Number, signedPayload = payload, signature },
    personalData = new { plain = citizenId, protectedValue = idProtected },
    auditAnchor = new { keyId, anchorHash, signature = anchorSignature },
    sm3 = new { input = "abc", digestHex = Convert.ToHexStringLower(digest) },
};
File.WriteAllText(Path.Combine(root.FullName, "fixtures.json"),
    JsonSerializer.Serialize(fixture, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
Console.WriteLine("written to " + root.FullName);
