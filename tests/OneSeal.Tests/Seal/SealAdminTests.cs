using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneSeal.Organisation;
using OneSeal.Seal;
using OneSeal.Seal.Administration;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Seal;

/// <summary>
/// Issue 10, seals: the system administrator sets up the bureau's seal (keeping the key the demo already signs with),
/// rotates its SM2 key (a certificate signed before still verifies), uploads the impression (PNG only), names the
/// custodian; every signature lands in the usage log with the person who decided.
/// </summary>
public abstract class SealAdminTests(OneSealFactory app) : CaseApiTestBase(app)
{
    private async Task<Guid> BureauAsync() => await InDb(db => db.Set<Agency>().Where(a => a.Code == "XZSPJ").Select(a => a.Id).SingleAsync());

    /// <summary>The bureau's seal, created once per class (the first test to ask creates it).</summary>
    private async Task<JsonElement> BureauSealAsync()
    {
        var admin = await As("admin");
        var list = JsonDocument.Parse(await admin.GetStringAsync("/api/v1/admin/seals")).RootElement;
        var bureau = await BureauAsync();
        foreach (var s in list.EnumerateArray())
            if (s.GetProperty("organisationId").GetGuid() == bureau) return s.Clone();
        using var created = await admin.PostAsJsonAsync("/api/v1/admin/seals", new { organisationId = bureau });
        var text = await created.Content.ReadAsStringAsync();
        created.StatusCode.ShouldBeOneOf([HttpStatusCode.Created, HttpStatusCode.Conflict], text);
        return created.StatusCode == HttpStatusCode.Created ? JsonDocument.Parse(text).RootElement.Clone() : await BureauSealAsync();
    }

    private async Task<string> ApprovedCertificateAsync()
    {
        var id = await ReviewedCaseAsync();
        (await StepAsync(await As("chief"), id, "decide", new { approve = true, reason = "符合法定条件" })).ShouldBe("certificate-issued");
        await App.RenderCertificatesAsync();
        return (await GetCaseAsync(await As("applicant"), id)).CertificateNumber!;
    }

    private async Task<VerificationResult> VerifyAsync(string number)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CertificateVerifier>().ByNumberAsync(number, default);
    }

    [Fact]
    public async Task A_rotated_seal_signs_with_its_new_key_and_what_the_old_key_signed_still_verifies()
    {
        var before = await ApprovedCertificateAsync();
        var seal = await BureauSealAsync();
        var id = seal.GetProperty("id").GetGuid();
        var oldKey = await InDb(db => db.Set<Certificate>().Where(c => c.Number == before).Select(c => c.SealKeyId).SingleAsync());

        using var rotated = await (await As("admin")).PostAsync($"/api/v1/admin/seals/{id}/rotate", null);
        var text = await rotated.Content.ReadAsStringAsync();
        rotated.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        var keys = JsonDocument.Parse(text).RootElement.GetProperty("keys").EnumerateArray().ToList();
        keys.Count(k => k.GetProperty("active").GetBoolean()).ShouldBe(1);
        var newKey = keys.Single(k => k.GetProperty("active").GetBoolean()).GetProperty("id").GetGuid();
        newKey.ShouldNotBe(oldKey);
        var retired = keys.Single(k => k.GetProperty("id").GetGuid() == oldKey);
        retired.GetProperty("active").GetBoolean().ShouldBeFalse();
        retired.GetProperty("retiredAt").ValueKind.ShouldBe(JsonValueKind.String);

        (await VerifyAsync(before)).Genuine.ShouldBeTrue("the certificate signed before the rotation still verifies");
        var after = await ApprovedCertificateAsync();
        (await InDb(db => db.Set<Certificate>().Where(c => c.Number == after).Select(c => c.SealKeyId).SingleAsync())).ShouldBe(newKey);
        (await VerifyAsync(after)).Genuine.ShouldBeTrue();
        (await VerifyAsync(before)).Genuine.ShouldBeTrue();

        // The usage log: both certificates, each with its key, decided by the chief.
        var usage = JsonDocument.Parse(await (await As("admin")).GetStringAsync($"/api/v1/admin/seals/{id}/usage")).RootElement.GetProperty("rows")
            .EnumerateArray().Where(u => u.GetProperty("documentKind").GetString() == SealUsage.Certificate).ToList();
        var first = usage.Single(u => u.GetProperty("documentNumber").GetString() == before);
        var second = usage.Single(u => u.GetProperty("documentNumber").GetString() == after);
        first.GetProperty("sealKeyId").GetGuid().ShouldBe(oldKey);
        second.GetProperty("sealKeyId").GetGuid().ShouldBe(newKey);
        second.GetProperty("decidedByName").GetString().ShouldBe("钱科长");
        second.GetProperty("caseNumber").GetString().ShouldNotBeNullOrEmpty();
        (await InDb(db => db.Set<OneSeal.Platform.Audit.AuditEntry>().CountAsync(e => e.Action == "seal.rotated" && e.EntityId == id.ToString()))).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Creating_a_seal_keeps_the_key_the_organisation_signs_with_and_refuses_a_second_or_a_non_approving_body()
    {
        await ApprovedCertificateAsync(); // the demo bureau signs before any seal is set up: its key is made on first use
        var seal = await BureauSealAsync();
        var bureau = await BureauAsync();
        var active = await InDb(db => db.Set<SealKey>().Where(k => k.OrganisationId == bureau && k.Active).Select(k => k.Id).SingleAsync());
        seal.GetProperty("keys").EnumerateArray().Single(k => k.GetProperty("active").GetBoolean()).GetProperty("id").GetGuid().ShouldBe(active);

        var admin = await As("admin");
        using (var again = await admin.PostAsJsonAsync("/api/v1/admin/seals", new { organisationId = bureau }))
            again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var section = await InDb(db => db.Set<Agency>().Where(a => a.Kind != OrganisationKind.Bureau && a.Kind != OrganisationKind.Department)
            .Select(a => (Guid?)a.Id).FirstOrDefaultAsync());
        foreach (var (body, field) in new (object, string)[]
                 {
                     (new { }, "organisationId"), (new { organisationId = Guid.NewGuid() }, "organisationId"),
                     (new { organisationId = bureau, name = new string('章', 65) }, "name"),
                 })
        {
            using var bad = await admin.PostAsJsonAsync("/api/v1/admin/seals", body);
            bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(field);
        }
        if (section is { } notApproving)
            (await admin.PostAsJsonAsync("/api/v1/admin/seals", new { organisationId = notApproving })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // A department that approves items not transferred gets its own seal and key.
        var department = await InDb(db => db.Set<Agency>().Where(a => a.Kind == OrganisationKind.Department).OrderBy(a => a.Code).Select(a => a.Id).FirstAsync());
        using var made = await admin.PostAsJsonAsync("/api/v1/admin/seals", new { organisationId = department, name = "测试部门行政审批专用章" });
        made.StatusCode.ShouldBeOneOf([HttpStatusCode.Created, HttpStatusCode.Conflict]);
        (await InDb(db => db.Set<SealKey>().CountAsync(k => k.OrganisationId == department && k.Active))).ShouldBe(1);
    }

    [Fact]
    public async Task The_impression_must_be_a_PNG_and_the_custodian_a_staff_member()
    {
        var id = (await BureauSealAsync()).GetProperty("id").GetGuid();
        var admin = await As("admin");
        foreach (var (bytes, rule) in new[]
                 {
                     ("GIF89a not a png"u8.ToArray(), "png"), (Png(4, 4), "dimensions"), (Png(64, 64, padding: SealImage.MaxBytes), "max-size"),
                     ("%PDF-1.7"u8.ToArray(), "png"), (Array.Empty<byte>(), "required"),
                 })
        {
            using var bad = await UploadAsync(admin, id, bytes);
            bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest, rule);
            var body = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement;
            body.GetProperty("errors").TryGetProperty("file", out _).ShouldBeTrue(rule);
        }
        var png = RealPng(64);
        using (var ok = await UploadAsync(admin, id, png))
            ok.StatusCode.ShouldBe(HttpStatusCode.OK, await ok.Content.ReadAsStringAsync());
        using (var image = await admin.GetAsync($"/api/v1/admin/seals/{id}/image"))
        {
            image.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
            (await image.Content.ReadAsByteArrayAsync()).ShouldBe(png);
        }

        var applicantId = await InDb(db => db.Set<Account>().Where(a => a.Username == "applicant").Select(a => a.Id).SingleAsync());
        (await admin.PutAsJsonAsync($"/api/v1/admin/seals/{id}/custodian", new { accountId = applicantId })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var chiefId = await InDb(db => db.Set<Account>().Where(a => a.Username == "chief").Select(a => a.Id).SingleAsync());
        using var custodian = await admin.PutAsJsonAsync($"/api/v1/admin/seals/{id}/custodian", new { accountId = chiefId });
        JsonDocument.Parse(await custodian.Content.ReadAsStringAsync()).RootElement.GetProperty("custodianName").GetString().ShouldBe("钱科长");
    }

    [Theory]
    [InlineData("chief")]
    [InlineData("secadmin")]
    [InlineData("auditor")]
    [InlineData("clerk")]
    public async Task Only_the_system_administrator_keeps_the_seals(string who)
    {
        var id = (await BureauSealAsync()).GetProperty("id").GetGuid();
        var client = await As(who);
        (await client.GetAsync("/api/v1/admin/seals")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.PostAsync($"/api/v1/admin/seals/{id}/rotate", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.GetAsync($"/api/v1/admin/seals/{id}/usage")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid id, byte[] bytes)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "file", "seal.png");
        return await client.PutAsync($"/api/v1/admin/seals/{id}/image", form);
    }

    /// <summary>A whole PNG a browser draws: a red square (RGBA), with its chunks' CRCs.</summary>
    internal static byte[] RealPng(int side)
    {
        using var raw = new MemoryStream();
        for (var y = 0; y < side; y++)
        {
            raw.WriteByte(0); // filter: none
            for (var x = 0; x < side; x++) raw.Write([0xC0, 0x10, 0x10, 0xFF]);
        }
        using var idat = new MemoryStream();
        using (var z = new System.IO.Compression.ZLibStream(idat, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true)) raw.WriteTo(z);
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)side);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), (uint)side);
        header[8] = 8; header[9] = 6;
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", idat.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)data.Length);
        png.Write(length);
        byte[] typed = [.. System.Text.Encoding.ASCII.GetBytes(type), .. data];
        png.Write(typed);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        png.Write(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }

    /// <summary>A PNG header (signature and IHDR) of the given size, then <paramref name="padding"/> bytes.</summary>
    internal static byte[] Png(int width, int height, int padding = 16)
    {
        var bytes = new byte[33 + padding];
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(bytes, 0);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(8), 13);
        "IHDR"u8.CopyTo(bytes.AsSpan(12));
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(16), (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(20), (uint)height);
        bytes[24] = 8; bytes[25] = 6;
        return bytes;
    }
}

[Trait("Provider", "Sqlite")]
public sealed class SealAdminTests_Sqlite(SqliteApp app) : SealAdminTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class SealAdminTests_Postgres(PostgresApp app) : SealAdminTests(app), IClassFixture<PostgresApp>;
