using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneSeal.Cases.Clock;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Lifecycle;

// ------------------------------------------------------------------ the lifecycle part of the public contract, as a client reads it

/// <summary><c>GET /api/v1/cases/{id}</c> with the clock fields (the API tests' <see cref="CaseDto"/> predates them).</summary>
public sealed record ClockedCaseDto(
    Guid Id, string CaseNumber, string Status, DateOnly? DueDate, string DeadlineState, int PausedDays, int ExtensionDays,
    bool DeemedAccepted, string? CertificateNumber, int Version, List<TimelineDto> Timeline);

public sealed record PauseDto(string Kind, string Reason, int ExpectedDays, DateOnly StartedOn, DateOnly? EndedOn, int? PausedDays);
public sealed record ClockDayDto(DateOnly Date, string Treatment, int? Number, string? Note);

/// <summary><c>GET /api/v1/cases/{id}/deadline</c>.</summary>
public sealed record DeadlineDto(
    DateOnly? AcceptedOn, int PromisedDays, int ExtensionDays, int PausedDays, DateOnly? DueDate, string DeadlineState,
    List<PauseDto> Pauses, List<ClockDayDto> Days);

/// <summary>Demo items with the promised limits the lifecycle tests need (see src/OneSeal/Catalog/DemoData/catalog.json).</summary>
public static class Items
{
    /// <summary>食品经营许可（新办）: promised 3 working days, citizens and enterprises.</summary>
    public const string Promised3 = Demo.FoodLicence;
    /// <summary>医师执业注册: promised 5 working days, citizens.</summary>
    public const string Promised5 = "QS-XK-009";
    /// <summary>出版物零售业务经营许可: promised 5 working days, citizens and enterprises, 超时默认 (deemed approved when the limit passes).</summary>
    public const string DeemedApproval5 = "QS-XK-021";
    /// <summary>食品生产许可（新办）: promised 7 working days, enterprises only.</summary>
    public const string Promised7 = "QS-XK-004";
    /// <summary>药品零售企业经营许可（新办）: promised 10 working days, enterprises only.</summary>
    public const string Promised10 = "QS-XK-005";
    /// <summary>社会团体成立登记: promised 20 working days, citizens and enterprises.</summary>
    public const string Promised20 = "QS-XK-012";
    /// <summary>娱乐场所经营许可（联合审批）: a Joint (联办件) item, promised 15 working days, enterprises only.</summary>
    public const string Joint15 = "QS-XK-022";
}

/// <summary>
/// Helpers of the lifecycle tests, on top of <see cref="CaseApiTestBase"/> (its steps, problem assertions and footprints):
/// the fake clock, sign-ins that survive moving it, any demo item's case, the deadline sweep, the clock fields.
/// </summary>
public abstract class LifecycleTestBase(OneSealFactory app) : CaseApiTestBase(app), IDisposable
{
    private readonly Dictionary<string, (HttpClient Client, DateTimeOffset SignedInAt)> _signedIn = [];

    protected FakeTimeProvider Clock => App.Time ?? throw new InvalidOperationException("lifecycle fixtures have a fake clock");

    /// <summary>The fake clock to a Beijing wall-clock time (it only moves forward).</summary>
    protected void MoveTo(int year, int month, int day, int hour = 10, int minute = 0) => Clock.SetLocal(year, month, day, hour, minute);

    /// <summary>
    /// A client signed in as the demo account. Bearer tokens live 8 hours on the app's (fake) clock, so after the clock
    /// moved a fresh sign-in is made; use this rather than <c>As</c> once a test moves the clock.
    /// </summary>
    protected async Task<HttpClient> Signed(string username)
    {
        var now = Clock.GetUtcNow();
        if (_signedIn.TryGetValue(username, out var s) && now - s.SignedInAt < TimeSpan.FromHours(6)) return s.Client;
        var client = await ClientFor(username);
        _signedIn[username] = (client, now);
        return client;
    }

    public new void Dispose()
    {
        foreach (var (client, _) in _signedIn.Values) client.Dispose();
        _signedIn.Clear();
        base.Dispose();
    }

    // ------------------------------------------------------------------ cases of any demo item

    /// <summary>A complete application form for the item: each field filled by its type.</summary>
    protected static Dictionary<string, string?> FormFor(ItemGuideDto guide) => guide.FormFields.ToDictionary(
        f => f.Key,
        f => (string?)(f.Type switch
        {
            "CitizenId" => Demo.CitizenId,
            "Uscc" => Demo.Uscc,
            "Phone" => "13807960001",
            "Date" => "2030-12-31",
            "Number" => "45",
            _ => "青山县测试" + f.Label,
        }));

    /// <summary><paramref name="applicant"/> creates a case of <paramref name="itemCode"/>, uploads every required material and submits.</summary>
    protected async Task<Guid> SubmitItemAsync(string itemCode, string applicant = "applicant")
    {
        var client = await Signed(applicant);
        var created = await CreateCaseAsync(client, itemCode, FormFor(await GuideAsync(client, itemCode)));
        await UploadRequiredAsync(client, created.Id, itemCode);
        (await StepAsync(client, created.Id, "submit")).ShouldBe("submitted");
        return created.Id;
    }

    /// <summary>…and the clerk accepts it now.</summary>
    protected async Task<Guid> AcceptItemAsync(string itemCode = Items.Promised3, string applicant = "applicant")
    {
        var id = await SubmitItemAsync(itemCode, applicant);
        (await StepAsync(await Signed("clerk"), id, "accept")).ShouldBe("accepted");
        return id;
    }

    protected async Task ReviewAsync(Guid id, string recommend = "approve") =>
        (await StepAsync(await Signed("reviewer"), id, "review", new { opinion = "材料齐全，符合法定条件。", recommend })).ShouldBe("reviewed");

    /// <summary>Reviewed and approved by the chief: certificate issued.</summary>
    protected async Task ApproveAsync(Guid id)
    {
        await ReviewAsync(id);
        (await StepAsync(await Signed("chief"), id, "decide", new { approve = true, reason = "符合法定条件。" })).ShouldBe("certificate-issued");
    }

    /// <summary>Reviewed and denied by the chief.</summary>
    protected async Task DenyAsync(Guid id)
    {
        await ReviewAsync(id, "deny");
        (await StepAsync(await Signed("chief"), id, "decide", new { approve = false, reason = "经营场所不符合要求。" })).ShouldBe("denied");
    }

    /// <summary>A transition as <paramref name="username"/>; the caller checks the answer.</summary>
    protected async Task<HttpResponseMessage> ActAsAsync(string username, Guid id, string action, object? body = null, string? ifMatch = null) =>
        await ActAsync(await Signed(username), id, action, body, ifMatch);

    /// <summary>A transition that must succeed; returns the new status.</summary>
    protected async Task<string> StepAsAsync(string username, Guid id, string action, object? body = null) =>
        await StepAsync(await Signed(username), id, action, body);

    // ------------------------------------------------------------------ reads

    protected async Task<ClockedCaseDto> CaseAsync(Guid id, string username = "clerk")
    {
        using var response = await (await Signed(username)).GetAsync($"/api/v1/cases/{id}");
        await ShouldBeAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<ClockedCaseDto>(Web))!;
    }

    protected async Task<DeadlineDto> DeadlineAsync(Guid id, string username = "clerk")
    {
        using var response = await (await Signed(username)).GetAsync($"/api/v1/cases/{id}/deadline");
        await ShouldBeAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<DeadlineDto>(Web))!;
    }

    protected static int Count(ClockedCaseDto c, string action) => c.Timeline.Count(t => t.Action == action);

    protected static TimelineDto Last(ClockedCaseDto c, string action) =>
        c.Timeline.LastOrDefault(t => t.Action == action) ?? throw new ShouldAssertException(
            $"timeline has no '{action}': {string.Join(", ", c.Timeline.Select(t => t.Action))}");

    /// <summary>The counted days of an explanation, in order.</summary>
    protected static List<ClockDayDto> Counted(DeadlineDto d) => d.Days.Where(x => x.Number is not null).ToList();

    protected static string Show(DeadlineDto d) =>
        string.Join("; ", d.Days.Select(x => $"{x.Date:MM-dd} {x.Treatment}{(x.Number is { } n ? " #" + n : "")}{(x.Note is null ? "" : " " + x.Note)}"));

    protected static DateOnly D(int year, int month, int day) => new(year, month, day);

    // ------------------------------------------------------------------ the deadline sweep

    /// <summary>One run of the deadline sweep, as the hosted service runs it, from a fresh DI scope.</summary>
    protected async Task<DeadlineSweep.Result> SweepAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DeadlineSweep>().RunOnceAsync(CancellationToken.None);
    }

    // ------------------------------------------------------------------ "nothing changed"

    /// <summary>The case's footprint plus its pauses: what a refused request must leave as it was.</summary>
    protected async Task<(CaseFootprint Footprint, int Pauses, DateOnly? Due, int Extension)> StateOfAsync(Guid id)
    {
        var footprint = await FootprintAsync(id);
        var (pauses, due, extension) = await InDb(async db =>
        {
            var c = await db.Set<OneSeal.Cases.Case>().AsNoTracking().SingleAsync(x => x.Id == id);
            return (await db.Set<CasePause>().CountAsync(p => p.CaseId == id), c.DueDate, c.ExtensionDays);
        });
        return (footprint, pauses, due, extension);
    }
}
