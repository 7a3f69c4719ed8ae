using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OneSeal.Calendar;
using OneSeal.Platform.Database;
using OneSeal.Platform.Time;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Browser;

/// <summary>
/// The app for the lifecycle browser tests: Kestrel, a fake clock that starts on Monday 2026-11-23 10:00 Beijing time
/// (no holiday nearby), and no background deadline sweep, so only the test moves time and changes deadline states.
/// </summary>
public static class LifecycleApp
{
    /// <summary>Monday 2026-11-23, 10:00 in Beijing.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    public static OneSealFactoryOptions Options() => new()
    {
        Kestrel = true,
        Time = new FakeTimeProvider(Start),
        Settings = new Dictionary<string, string?> { ["Deadlines:SweepSeconds"] = "0" },
    };

    public static FakeTimeProvider Clock(this OneSealFactory app) =>
        app.Time ?? throw new InvalidOperationException("The lifecycle tests need an app with a fake clock (LifecycleSqliteApp / LifecyclePostgresApp).");

    /// <summary>The app's own working-day calendar (the State Council's holidays as loaded from its database).</summary>
    public static WorkingDayClock Calendar(this OneSealFactory app) => app.Services.GetRequiredService<WorkingDayClock>();

    /// <summary>Today's legal date (Asia/Shanghai) on the fake clock.</summary>
    public static DateOnly Today(this OneSealFactory app) => LegalDates.Today(app.Clock());

    /// <summary>Moves the fake clock forward to 10:00 Beijing time on <paramref name="date"/> (never back).</summary>
    public static void MoveTo(this OneSealFactory app, DateOnly date)
    {
        var clock = app.Clock();
        var target = new DateTimeOffset(date.Year, date.Month, date.Day, 10, 0, 0, TimeSpan.FromHours(8));
        if (target < clock.GetUtcNow())
            throw new InvalidOperationException($"The fake clock is already past {target:O}.");
        clock.SetUtcNow(target);
    }

    /// <summary>
    /// Moves the clock to the next Monday 10:00 (today, if it is Monday before 10:00) that begins a week of working
    /// days, so a test that starts there knows its weekdays whatever the other tests of the class did before it.
    /// </summary>
    public static DateOnly MoveToAWorkingMonday(this OneSealFactory app)
    {
        var calendar = app.Calendar();
        var now = LegalDates.ToLocal(app.Clock().GetUtcNow());
        var day = DateOnly.FromDateTime(now.DateTime);
        if (now.TimeOfDay > TimeSpan.FromHours(10)) day = day.AddDays(1);
        while (day.DayOfWeek != DayOfWeek.Monday || !Enumerable.Range(0, 5).All(i => calendar.IsWorkingDay(day.AddDays(i))))
            day = day.AddDays(1);
        app.MoveTo(day);
        return day;
    }
}

/// <summary>The lifecycle app on SQLite.</summary>
public sealed class LifecycleSqliteApp() : OneSealFactory(DatabaseProvider.Sqlite, LifecycleApp.Options());

/// <summary>The lifecycle app on PostgreSQL.</summary>
public sealed class LifecyclePostgresApp() : OneSealFactory(DatabaseProvider.Postgres, LifecycleApp.Options());

/// <summary>
/// Brings a case to the step a browser test starts from, through the API (fast; the pages for these steps have tests
/// of their own). Each step signs in afresh, so the bearer token is valid on the fake clock at that moment.
/// </summary>
public sealed class LifecycleCases(OneSealFactory app)
{
    /// <summary>食品经营许可（新办）: applicants of both kinds, promised 3 working days, materials M01–M05 required.</summary>
    public const string FoodLicence = "QS-XK-003";
    public const int FoodLicencePromisedDays = 3;

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static readonly Dictionary<string, string> FoodLicenceForm = new()
    {
        ["enterpriseName"] = "青山县张三小吃店",
        ["uscc"] = "91360999MA35QT8K7B",
        ["legalRepresentative"] = "张三",
        ["legalRepresentativeIdNumber"] = "360999199003071239",
        ["address"] = "青山县解放路1号",
        ["phone"] = "13807960001",
        ["businessFormat"] = "餐饮服务经营者（小型餐饮）",
        ["operatingArea"] = "45",
    };

    /// <summary>个体工商户设立登记: a 即办件 (immediate item), decided straight after acceptance; citizens only.</summary>
    public const string SoleTrader = "QS-XK-002";

    private static readonly Dictionary<string, string> SoleTraderForm = new()
    {
        ["applicantName"] = "张三",
        ["idNumber"] = "360999199003071239",
        ["phone"] = "13807960001",
        ["address"] = "青山县解放路1号",
        ["businessName"] = "张三修鞋铺",
        ["businessAddress"] = "青山县解放路3号",
        ["businessScope"] = "修鞋、配钥匙",
    };

    public sealed record Created(Guid Id, string CaseNumber, string Status);
    private sealed record GuideMaterial(string Code, bool Required);
    private sealed record Guide(List<GuideMaterial> Materials);

    /// <summary>The demo applicant applies for a food licence with every required material and submits.</summary>
    public async Task<Created> SubmittedAsync(string itemCode = FoodLicence)
    {
        using var applicant = await app.ClientFor("applicant");
        using var create = await applicant.PostAsJsonAsync("/api/v1/cases", new { itemCode, form = itemCode == SoleTrader ? SoleTraderForm : FoodLicenceForm });
        await EnsureAsync(create);
        var created = (await create.Content.ReadFromJsonAsync<Created>(Web))!;

        var guide = (await applicant.GetFromJsonAsync<Guide>($"/api/v1/items/{itemCode}", Web))!;
        foreach (var code in guide.Materials.Where(m => m.Required).Select(m => m.Code))
        {
            using var form = new MultipartFormDataContent();
            form.Add(new StringContent(code), "materialCode");
            var file = new ByteArrayContent(SamplePdf.Create($"{code} lifecycle"));
            file.Headers.ContentType = MediaTypeHeaderValue.Parse("application/pdf");
            form.Add(file, "file", $"{code}.pdf");
            using var upload = await applicant.PostAsync($"/api/v1/cases/{created.Id}/materials", form);
            await EnsureAsync(upload);
        }
        await StepAsync(applicant, created.Id, "submit");
        return created;
    }

    /// <summary>…accepted by the clerk, reviewed by the reviewer (approve), approved by the chief: the certificate is issued.</summary>
    public async Task<Created> ApprovedAsync()
    {
        var c = await SubmittedAsync();
        await StepAsync("clerk", c.Id, "accept");
        await StepAsync("reviewer", c.Id, "review", new { opinion = "材料齐全，符合法定条件，建议准予许可。", recommend = "approve" });
        await StepAsync("chief", c.Id, "decide", new { approve = true });
        return c;
    }

    /// <summary>…accepted by the clerk (the working-day clock starts).</summary>
    public async Task<Created> AcceptedAsync(string itemCode = FoodLicence)
    {
        var c = await SubmittedAsync(itemCode);
        await StepAsync("clerk", c.Id, "accept");
        return c;
    }

    public async Task StepAsync(string username, Guid id, string action, object? body = null)
    {
        using var client = await app.ClientFor(username);
        await StepAsync(client, id, action, body);
    }

    private static async Task StepAsync(HttpClient client, Guid id, string action, object? body = null)
    {
        using var response = await client.PostAsync($"/api/v1/cases/{id}/{action}", body is null ? null : JsonContent.Create(body, options: Web));
        await EnsureAsync(response);
    }

    private static async Task EnsureAsync(HttpResponseMessage response)
    {
        if (response.IsSuccessStatusCode) return;
        var text = await response.Content.ReadAsStringAsync();
        throw new InvalidOperationException(
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery} → {(int)response.StatusCode}: {text}");
    }
}
