using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation;
using OneSeal.Platform.Audit;
using OneSeal.Tests.Infrastructure;
using CaseEntity = OneSeal.Cases.Case;
using CaseEventEntity = OneSeal.Cases.CaseEvent;
using CaseMaterialEntity = OneSeal.Cases.CaseMaterial;

namespace OneSeal.Tests.Api;

// ------------------------------------------------------------------ the public contract, as a client reads it

public sealed record CaseCreatedDto(Guid Id, string CaseNumber, string Status);
public sealed record TimelineDto(DateTimeOffset At, string Actor, string Action, string? Note);
public sealed record CaseMaterialDto(Guid Id, string MaterialCode, string FileName, string ContentType, long SizeBytes, string Sha256);
public sealed record CaseDto(
    Guid Id, string CaseNumber, string Status, string ItemCode, string ItemName, string ApplicantName,
    DateOnly? DueDate, string? CertificateNumber, int Version, Dictionary<string, string?> Form,
    List<string>? CorrectionMaterials, string? CorrectionNote, string? RefusalReason,
    List<TimelineDto> Timeline, List<CaseMaterialDto> Materials);
public sealed record GuideMaterialDto(string Code, string Name, bool Required);
public sealed record GuideFieldDto(string Key, string Label, string Type, bool Required);
public sealed record ItemGuideDto(string Code, string Name, string ServiceObject, int StatutoryDays, int PromisedDays,
    List<GuideMaterialDto> Materials, List<GuideFieldDto> FormFields);

/// <summary>What the database holds for one case: used to prove a refused request wrote nothing.</summary>
public sealed record CaseFootprint(string Status, int Version, int Events, int Materials, int AuditEntries, int StoredFiles);

/// <summary>Demo data the API tests use.</summary>
public static class Demo
{
    public const string Password = OneSealFactory.DemoPassword;

    /// <summary>食品经营许可（新办）: serviceObject Both, promised 3 working days, M01–M05 required, M06 optional.</summary>
    public const string FoodLicence = "QS-XK-003";

    /// <summary>个体工商户设立登记: citizens only, form field <c>idNumber</c> (CitizenId).</summary>
    public const string SoleTrader = "QS-XK-002";

    /// <summary>张三's citizen ID (valid GB 11643 check character 9) and the demo enterprise's USCC (valid GB 32100 check character B).</summary>
    public const string CitizenId = "360999199003071239";
    public const string Uscc = "91360999MA35QT8K7B";

    public static Dictionary<string, string?> FoodLicenceForm(string? uscc = Uscc, string? idNumber = CitizenId) => new()
    {
        ["enterpriseName"] = "青山县张三小吃店",
        ["uscc"] = uscc,
        ["legalRepresentative"] = "张三",
        ["legalRepresentativeIdNumber"] = idNumber,
        ["address"] = "青山县解放路1号",
        ["phone"] = "13807960001",
        ["businessFormat"] = "餐饮服务经营者（小型餐饮）",
        ["operatingArea"] = "45",
    };

    public static Dictionary<string, string?> SoleTraderForm(string idNumber = CitizenId) => new()
    {
        ["applicantName"] = "张三",
        ["idNumber"] = idNumber,
        ["phone"] = "13807960001",
        ["address"] = "青山县解放路1号",
        ["businessName"] = "张三修鞋铺",
        ["businessAddress"] = "青山县解放路3号",
        ["businessScope"] = "修鞋、配钥匙",
    };
}

/// <summary>
/// Helpers for the API tests: signed-in clients (cached per test, disposed after it), the case path step by step,
/// problem+json assertions, and direct database reads for "nothing was written".
/// </summary>
public abstract class CaseApiTestBase(OneSealFactory app) : ApiTestBase(app), IDisposable
{
    protected static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private readonly Dictionary<string, HttpClient> _clients = [];

    /// <summary>A client signed in as the demo account (one sign-in per account per test).</summary>
    protected async Task<HttpClient> As(string username)
    {
        if (!_clients.TryGetValue(username, out var client))
            _clients[username] = client = await ClientFor(username);
        return client;
    }

    public void Dispose()
    {
        foreach (var c in _clients.Values) c.Dispose();
        GC.SuppressFinalize(this);
    }

    // ------------------------------------------------------------------ steps

    protected static Task<HttpResponseMessage> PostCaseAsync(HttpClient client, string? itemCode, object? form, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cases") { Content = JsonContent.Create(new { itemCode, form }) };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return client.SendAsync(request);
    }

    protected static async Task<CaseCreatedDto> CreateCaseAsync(HttpClient applicant, string itemCode = Demo.FoodLicence, object? form = null)
    {
        using var response = await PostCaseAsync(applicant, itemCode, form ?? Demo.FoodLicenceForm());
        await ShouldBeAsync(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<CaseCreatedDto>(Web))!;
    }

    protected static Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid caseId, string? materialCode, string fileName, byte[] bytes, string contentType = "application/octet-stream")
    {
        var form = new MultipartFormDataContent();
        if (materialCode is not null) form.Add(new StringContent(materialCode), "materialCode");
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        form.Add(file, "file", fileName);
        return client.PostAsync($"/api/v1/cases/{caseId}/materials", form);
    }

    /// <summary>A form for any item: each field filled by its type (a valid credit code and ID number, plain text otherwise).</summary>
    protected static async Task<Dictionary<string, string?>> FilledFormAsync(HttpClient client, string itemCode) =>
        (await GuideAsync(client, itemCode)).FormFields.ToDictionary(f => f.Key, f => (string?)(f.Type switch
        {
            "Uscc" => Demo.Uscc,
            "CitizenId" => Demo.CitizenId,
            "Phone" => "13807960001",
            "Number" => "120",
            "Date" => "2026-01-01",
            _ => "测试填写",
        }));

    protected static async Task<ItemGuideDto> GuideAsync(HttpClient client, string itemCode)
    {
        using var response = await client.GetAsync($"/api/v1/items/{itemCode}");
        await ShouldBeAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<ItemGuideDto>(Web))!;
    }

    /// <summary>Uploads every required material of the item (PDFs, the second one a PNG); returns the codes uploaded.</summary>
    protected static async Task<List<string>> UploadRequiredAsync(HttpClient applicant, Guid caseId, string itemCode = Demo.FoodLicence)
    {
        var guide = await GuideAsync(applicant, itemCode);
        var codes = guide.Materials.Where(m => m.Required).Select(m => m.Code).ToList();
        codes.ShouldNotBeEmpty();
        for (var i = 0; i < codes.Count; i++)
        {
            using var response = i == 1
                ? await UploadAsync(applicant, caseId, codes[i], $"{codes[i]}-scan.png", SampleFiles.Png(), "image/png")
                : await UploadAsync(applicant, caseId, codes[i], $"{codes[i]}.pdf", SampleFiles.Pdf($"material {codes[i]}"), "application/pdf");
            await ShouldBeAsync(response, HttpStatusCode.Created);
        }
        return codes;
    }

    protected static async Task<HttpResponseMessage> ActAsync(HttpClient client, Guid caseId, string action, object? body = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{caseId}/{action}")
        {
            Content = body is null ? null : JsonContent.Create(body, options: Web),
        };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await client.SendAsync(request);
    }

    /// <summary>Performs a step that must succeed (200) and returns the new status.</summary>
    protected static async Task<string> StepAsync(HttpClient client, Guid caseId, string action, object? body = null)
    {
        using var response = await ActAsync(client, caseId, action, body);
        await ShouldBeAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<CaseCreatedDto>(Web))!.Status;
    }

    protected static async Task<CaseDto> GetCaseAsync(HttpClient client, Guid caseId)
    {
        using var response = await client.GetAsync($"/api/v1/cases/{caseId}");
        await ShouldBeAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<CaseDto>(Web))!;
    }

    /// <summary>applicant: created, every required material uploaded, submitted.</summary>
    protected async Task<Guid> SubmittedCaseAsync(string applicant = "applicant", string itemCode = Demo.FoodLicence, object? form = null)
    {
        var client = await As(applicant);
        var created = await CreateCaseAsync(client, itemCode, form);
        await UploadRequiredAsync(client, created.Id, itemCode);
        (await StepAsync(client, created.Id, "submit")).ShouldBe("submitted");
        return created.Id;
    }

    /// <summary>…and accepted by <paramref name="clerk"/>.</summary>
    protected async Task<Guid> AcceptedCaseAsync(string clerk = "clerk")
    {
        var id = await SubmittedCaseAsync();
        (await StepAsync(await As(clerk), id, "accept")).ShouldBe("accepted");
        return id;
    }

    /// <summary>…and reviewed by <paramref name="reviewer"/> recommending approval.</summary>
    protected async Task<Guid> ReviewedCaseAsync(string clerk = "clerk", string reviewer = "reviewer")
    {
        var id = await AcceptedCaseAsync(clerk);
        (await StepAsync(await As(reviewer), id, "review", new { opinion = "材料齐全，符合法定条件。", recommend = "approve" })).ShouldBe("reviewed");
        return id;
    }

    // ------------------------------------------------------------------ assertions

    /// <summary>Asserts the status, showing the body when it differs.</summary>
    protected static async Task ShouldBeAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        if (response.StatusCode != status)
        {
            var body = await response.Content.ReadAsStringAsync();
            throw new ShouldAssertException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery} → {(int)response.StatusCode} {response.StatusCode}, expected {(int)status} {status}. Body: {body}");
        }
    }

    /// <summary>
    /// RFC 9457: the status, <c>Content-Type: application/problem+json</c>, a body whose <c>status</c> agrees, and, when given,
    /// the field named in <c>errors</c> and the <c>rule</c> extension. Returns the body.
    /// </summary>
    protected static async Task<JsonElement> ShouldBeProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? field = null, string? rule = null)
    {
        await ShouldBeAsync(response, status);
        var text = await response.Content.ReadAsStringAsync();
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", $"body: {text}");
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        problem.GetProperty("status").GetInt32().ShouldBe((int)status, text);
        problem.TryGetProperty("title", out _).ShouldBeTrue($"a problem has a title: {text}");
        if (field is not null)
        {
            problem.TryGetProperty("errors", out var errors).ShouldBeTrue($"problem names no field (no errors): {text}");
            errors.TryGetProperty(field, out var messages).ShouldBeTrue($"problem does not name the field '{field}': {text}");
            messages.GetArrayLength().ShouldBeGreaterThan(0, text);
        }
        if (rule is not null)
        {
            problem.TryGetProperty("rule", out var r).ShouldBeTrue($"problem has no rule: {text}");
            r.GetString().ShouldBe(rule, text);
        }
        return problem;
    }

    protected static string FieldMessage(JsonElement problem, string field) =>
        string.Join(" ", problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(m => m.GetString()));

    // ------------------------------------------------------------------ the database, for arrange and assert

    protected Task<Guid> AccountIdAsync(string username) =>
        InDb(db => db.Set<Account>().Where(a => a.Username == username).Select(a => a.Id).SingleAsync());

    protected async Task<int> CaseCountAsync(string applicant)
    {
        var id = await AccountIdAsync(applicant);
        return await InDb(db => db.Set<CaseEntity>().CountAsync(c => c.ApplicantAccountId == id));
    }

    protected async Task<CaseFootprint> FootprintAsync(Guid caseId)
    {
        var footprint = await InDb(async db =>
        {
            var c = await db.Set<CaseEntity>().AsNoTracking().SingleAsync(x => x.Id == caseId);
            var events = await db.Set<CaseEventEntity>().CountAsync(e => e.CaseId == caseId);
            var materials = await db.Set<CaseMaterialEntity>().CountAsync(m => m.CaseId == caseId);
            var entityId = caseId.ToString();
            var audit = await db.Set<AuditEntry>().CountAsync(a => a.EntityType == "case" && a.EntityId == entityId);
            return new CaseFootprint(c.Status.ToString(), c.Version, events, materials, audit, 0);
        });
        var folder = Path.Combine(App.DataRoot, "files", "cases", caseId.ToString("N"));
        var files = Directory.Exists(folder) ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Length : 0;
        return footprint with { StoredFiles = files };
    }

    /// <summary>The next working day after <paramref name="from"/> counted <paramref name="days"/> times, Monday–Friday (independent of the app's calendar).</summary>
    protected static DateOnly AddWeekdays(DateOnly from, int days)
    {
        var d = from;
        while (days > 0)
        {
            d = d.AddDays(1);
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) days--;
        }
        return d;
    }
}
