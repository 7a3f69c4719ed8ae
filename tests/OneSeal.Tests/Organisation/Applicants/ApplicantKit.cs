using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation.Identifiers;
using OneSeal.Platform.Sms;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Organisation.Applicants;

/// <summary>
/// Registering applicants through the public API, as a test (or the end-to-end test) needs them: fresh valid identities,
/// the code read back from the demo SMS outbox (<c>dev_sms_messages</c>, shown at <c>/dev/sms</c>), verification.
/// </summary>
public static partial class ApplicantKit
{
    public const string Password = "Qingshan-2026";

    /// <summary>A mobile number no other test uses (139 + 8 random digits).</summary>
    public static string NewPhone() => "139" + Random.Shared.Next(0, 100_000_000).ToString("D8");

    /// <summary>A valid GB 11643 number of the demo county (360999), born in the 1980s.</summary>
    public static string NewCitizenId()
    {
        var birth = new DateOnly(1980, 1, 1).AddDays(Random.Shared.Next(0, 3650));
        var first17 = "360999" + birth.ToString("yyyyMMdd") + Random.Shared.Next(0, 1000).ToString("D3");
        return first17 + CitizenIdNumber.ComputeCheckCharacter(first17);
    }

    /// <summary>A valid GB 32100 code (企业, region 360999).</summary>
    public static string NewUscc()
    {
        var first17 = "91360999" + Random.Shared.Next(0, 1_000_000_000).ToString("D9");
        return first17 + UnifiedSocialCreditCode.ComputeCheckCharacter(first17);
    }

    public static Task<HttpResponseMessage> PostAsync(OneSealFactory app, string path, object body) =>
        app.Anonymous().PostAsJsonAsync(path, body);

    /// <summary><c>POST /api/v1/accounts/register</c> for a citizen; asserts 201.</summary>
    public static async Task RegisterCitizenAsync(OneSealFactory app, string phone, string idNumber, string name = "李小花", string password = Password)
    {
        using var response = await PostAsync(app, "/api/v1/accounts/register", new { kind = "citizen", name, idNumber, phone, password });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The newest code texted to <paramref name="phone"/> (demo mode: read from the development SMS outbox).</summary>
    public static async Task<string> LatestCodeAsync(OneSealFactory app, string phone)
    {
        var texts = await app.InDb(db => db.Set<DevSmsMessage>().Where(m => m.Phone == phone).OrderByDescending(m => m.Id).Select(m => m.Text).ToListAsync());
        texts.ShouldNotBeEmpty($"no SMS was sent to {phone}");
        return CodeIn(texts[0]);
    }

    /// <summary>The 6-digit code in an SMS text (also for the text shown on /dev/sms).</summary>
    public static string CodeIn(string text)
    {
        var m = CodePattern().Match(text);
        m.Success.ShouldBeTrue($"no code in: {text}");
        return m.Groups[1].Value;
    }

    /// <summary><c>POST /api/v1/accounts/verify-phone</c> with the newest code; asserts 200; returns the sign-in name.</summary>
    public static async Task<string> VerifyAsync(OneSealFactory app, string phone)
    {
        using var response = await PostAsync(app, "/api/v1/accounts/verify-phone", new { phone, code = await LatestCodeAsync(app, phone) });
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("username").GetString()!;
    }

    /// <summary>Register + verify a new citizen; returns (sign-in name = phone, phone, ID number).</summary>
    public static async Task<(string Username, string Phone, string IdNumber)> NewCitizenAsync(OneSealFactory app, string name = "李小花", string password = Password)
    {
        var (phone, id) = (NewPhone(), NewCitizenId());
        await RegisterCitizenAsync(app, phone, id, name, password);
        return (await VerifyAsync(app, phone), phone, id);
    }

    /// <summary>Register + verify a new enterprise (sign-in name qs + the phone's last six digits); returns (sign-in name, USCC).</summary>
    public static async Task<(string Username, string Uscc)> NewEnterpriseAsync(OneSealFactory app, string name, string password = Password)
    {
        var (phone, uscc) = (NewPhone(), NewUscc());
        using (var reg = await PostAsync(app, "/api/v1/accounts/register",
                   new { kind = "enterprise", name, uscc, phone, password, username = "qs" + phone[^6..], legalRepresentative = "吴法人" }))
            reg.StatusCode.ShouldBe(HttpStatusCode.Created, await reg.Content.ReadAsStringAsync());
        return (await VerifyAsync(app, phone), uscc);
    }

    [GeneratedRegex(@"验证码 (\d{6})")]
    private static partial Regex CodePattern();
}
