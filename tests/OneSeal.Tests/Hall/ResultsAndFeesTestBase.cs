using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneSeal.Catalog;
using OneSeal.Counter.Fees;
using OneSeal.Platform.Database;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Hall;

/// <summary>The app with the payment platform's shared secret configured (the fake platform signs with it).</summary>
public static class FeeSettings
{
    public const string Secret = "test-callback-secret-2026";
    public static OneSealFactoryOptions Options(bool kestrel = false) => new()
    {
        Kestrel = kestrel,
        Settings = new Dictionary<string, string?> { ["OneSeal:Payments:CallbackSecret"] = Secret },
    };
}

public sealed class FeeSqliteApp() : OneSealFactory(DatabaseProvider.Sqlite, FeeSettings.Options());
public sealed class FeePostgresApp() : OneSealFactory(DatabaseProvider.Postgres, FeeSettings.Options());

/// <summary>Cases decided through the API, windows signed in, the fee of a demo item set, the fake payment platform.</summary>
public abstract class ResultsAndFeesTestBase(OneSealFactory app) : CaseApiTestBase(app)
{
    /// <summary>食品经营许可（新办）, charged 300 yuan in these tests.</summary>
    protected const decimal Fee = 300m;

    protected Task SetFeeAsync(string itemCode, decimal? amount) => InDb(db => db.Set<Item>().Where(i => i.Code == itemCode)
        .ExecuteUpdateAsync(u => u.SetProperty(i => i.FeeCharged, amount != null).SetProperty(i => i.FeeAmount, amount)
            .SetProperty(i => i.FeeBasis, amount == null ? null : "测试收费依据")));

    /// <summary>A 食品经营许可 case approved (or denied) by the chief, with the item charging <see cref="Fee"/>.</summary>
    protected async Task<Guid> DecidedCaseAsync(bool approve = true, decimal? fee = Fee)
    {
        await SetFeeAsync(Demo.FoodLicence, fee);
        var id = await ReviewedCaseAsync();
        (await StepAsync(await As("chief"), id, "decide", approve ? new { approve = true } : new { approve = false, reason = "不符合法定条件。" }))
            .ShouldBe(approve ? "certificate-issued" : "denied");
        return id;
    }

    protected async Task SitAsync(string username, string windowNumber)
    {
        var client = await As(username);
        var windows = (await client.GetFromJsonAsync<List<JsonElement>>("/api/v1/windows"))!;
        var id = windows.Single(w => w.GetProperty("window").GetProperty("number").GetString() == windowNumber).GetProperty("window").GetProperty("id").GetGuid();
        using var response = await client.PostAsync($"/api/v1/windows/{id}/sign-in", null);
        await ShouldBeAsync(response, HttpStatusCode.OK);
    }

    protected async Task<JsonElement> CollectionAsync(Guid caseId, string reader = "applicant")
    {
        using var response = await (await As(reader)).GetAsync($"/api/v1/cases/{caseId}/collection");
        await ShouldBeAsync(response, HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    protected async Task<string> PickupCodeAsync(Guid caseId) => (await CollectionAsync(caseId)).GetProperty("pickupCode").GetString()!;

    protected async Task<FeeDemand> DemandAsync(Guid caseId) => await InDb(db => db.Set<FeeDemand>().AsNoTracking().SingleAsync(d => d.CaseId == caseId));

    protected Task<int> AuditCountAsync(string action, Guid caseId)
    {
        var id = caseId.ToString();
        return InDb(db => db.Set<OneSeal.Platform.Audit.AuditEntry>().CountAsync(e => e.Action == action && e.EntityId == id));
    }

    protected static Task<HttpResponseMessage> PayAsync(HttpClient client, Guid caseId, decimal amount, string method = "cash", string receipt = "NO.20260001") =>
        client.PostAsJsonAsync($"/api/v1/cases/{caseId}/payments", new { amount, method, receiptNumber = receipt });

    // ------------------------------------------------------------------ the fake payment platform

    protected long PlatformNow() => App.Services.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeSeconds();

    /// <summary>Posts a callback as the platform does: body, Unix timestamp and HMAC-SHA256 signature.</summary>
    protected async Task<HttpResponseMessage> CallbackAsync(object notification, long? timestamp = null, string secret = FeeSettings.Secret, Func<string, string>? tamper = null)
    {
        var body = JsonSerializer.Serialize(notification, Web);
        var ts = (timestamp ?? PlatformNow()).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = PaymentCallbacks.Sign(secret, ts, Encoding.UTF8.GetBytes(body));
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/payments/callback")
        {
            Content = new StringContent(tamper?.Invoke(body) ?? body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(PaymentCallbacks.TimestampHeader, ts);
        request.Headers.Add(PaymentCallbacks.SignatureHeader, signature);
        using var client = Anonymous();
        return await client.SendAsync(request);
    }
}
