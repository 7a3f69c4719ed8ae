using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Hall;

/// <summary>Every query the app sends, so a test can say which requests read the absences.</summary>
public sealed class CommandLog : DbCommandInterceptor
{
    private readonly ConcurrentQueue<string> _commands = new();

    public void Clear() => _commands.Clear();

    public int Touching(string table) => _commands.Count(c => c.Contains(table, StringComparison.OrdinalIgnoreCase));

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        _commands.Enqueue(command.CommandText);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }
}

public static class CommandLogApp
{
    public static OneSealFactoryOptions Options() => new()
    {
        Services = s =>
        {
            s.AddSingleton<CommandLog>();
            s.ConfigureDbContext<OneSealDb>((sp, b) => b.AddInterceptors(sp.GetRequiredService<CommandLog>()));
        },
    };
}

public sealed class CommandLogSqliteApp() : OneSealFactory(DatabaseProvider.Sqlite, CommandLogApp.Options());
public sealed class CommandLogPostgresApp() : OneSealFactory(DatabaseProvider.Postgres, CommandLogApp.Options());

/// <summary>
/// Issue 11 gaps: “B（代 A）” without a query per staff write (the day's stand-ins are held until a seat or an absence
/// changes), and an absence withdrawn (撤销缺岗登记) by whoever may register it, after which B is B again.
/// </summary>
public abstract class StandInRosterTests(OneSealFactory app) : CaseApiTestBase(app)
{
    private CommandLog Log => App.Services.GetRequiredService<CommandLog>();

    private async Task<Guid> WindowIdAsync(string number) =>
        await InDb(db => db.Set<OneSeal.Hall.Window>().Where(w => w.Number == number).Select(w => w.Id).SingleAsync());

    [Fact]
    public async Task Staff_writes_read_the_absences_once_after_a_seat_changes_and_a_reviewers_review_not_at_all()
    {
        var a01 = await WindowIdAsync("A01");
        var accepted = await AcceptedCaseAsync("clerk");
        var second = await SubmittedCaseAsync();
        var b = await As("clerk2");
        var reviewer = await As("reviewer");

        using (var seat = await b.PostAsJsonAsync($"/api/v1/windows/{a01}/sign-in", new { })) await ShouldBeAsync(seat, HttpStatusCode.OK);
        Log.Clear();
        await StepAsync(b, second, "accept"); // the seat changed: the roster is read again, once
        Log.Touching("window_absences").ShouldBe(1);

        Log.Clear();
        (await StepAsync(reviewer, accepted, "review", new { opinion = "材料齐全，符合法定条件。", recommend = "approve" })).ShouldBe("reviewed");
        (await StepAsync(reviewer, second, "review", new { opinion = "材料齐全。", recommend = "approve" })).ShouldBe("reviewed");
        Log.Touching("window_absences").ShouldBe(0);
        Log.Touching("window_seats").ShouldBe(0);
    }

    [Fact]
    public async Task An_absence_is_withdrawn_by_the_A_post_or_a_window_chief_before_it_ends_and_B_writes_as_B_again()
    {
        var a01 = await WindowIdAsync("A01");
        var a = await As("clerk");
        var b = await As("clerk2");
        using (var seat = await b.PostAsync($"/api/v1/windows/{a01}/sign-in", null)) await ShouldBeAsync(seat, HttpStatusCode.OK);
        using (var marked = await a.PostAsJsonAsync($"/api/v1/windows/{a01}/absence", new { reason = "临时外出" }))
            await ShouldBeAsync(marked, HttpStatusCode.Created);
        var during = await SubmittedCaseAsync();
        await StepAsync(b, during, "accept");
        (await GetCaseAsync(b, during)).Timeline.Last().Actor.ShouldBe("王窗口（代 李窗口）");

        using (var stranger = await (await As("reviewer")).DeleteAsync($"/api/v1/windows/{a01}/absence"))
            await ShouldBeProblemAsync(stranger, HttpStatusCode.Forbidden, rule: "not-a-post");
        using (var ended = await a.DeleteAsync($"/api/v1/windows/{a01}/absence?date=2020-01-01"))
            await ShouldBeProblemAsync(ended, HttpStatusCode.BadRequest, field: "date", rule: "ended");
        using (var garbled = await a.DeleteAsync($"/api/v1/windows/{a01}/absence?date=tomorrow"))
            await ShouldBeProblemAsync(garbled, HttpStatusCode.BadRequest, field: "date");
        using (var withdrawn = await a.DeleteAsync($"/api/v1/windows/{a01}/absence"))
        {
            await ShouldBeAsync(withdrawn, HttpStatusCode.OK);
            (await withdrawn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accountName").GetString().ShouldBe("李窗口");
        }
        using (var again = await a.DeleteAsync($"/api/v1/windows/{a01}/absence"))
            await ShouldBeAsync(again, HttpStatusCode.NotFound);

        var after = await SubmittedCaseAsync();
        await StepAsync(b, after, "accept");
        (await GetCaseAsync(b, after)).Timeline.Last().Actor.ShouldBe("王窗口");
        using (var queue = await b.GetAsync($"/api/v1/windows/{a01}/stand-in"))
            await ShouldBeProblemAsync(queue, HttpStatusCode.Forbidden, rule: "a-post-present");
        var audit = await InDb(db => db.Set<AuditEntry>().Where(e => e.Action == "window.a-post-absence-withdrawn" && e.EntityId == a01.ToString()).ToListAsync());
        audit.ShouldHaveSingleItem().Detail!.ShouldContain("临时外出");

        // A window chief withdraws a later day's absence from the chief's page.
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(1).ToString("yyyy-MM-dd");
        var chief = await As("winchief");
        using (var later = await chief.PostAsJsonAsync($"/api/v1/windows/{a01}/absence", new { date = tomorrow, reason = "年休假" }))
            await ShouldBeAsync(later, HttpStatusCode.Created);
        using var browser = await Organisation.SignInTestKit.CookieBrowserAsync(App, "winchief");
        (await browser.GetStringAsync("/hall/chief")).ShouldContain("data-withdraw=\"A01\"");
        using (var byChief = await chief.DeleteAsync($"/api/v1/windows/{a01}/absence?date={tomorrow}"))
            await ShouldBeAsync(byChief, HttpStatusCode.OK);
        (await browser.GetStringAsync("/hall/chief")).ShouldNotContain("data-withdraw=\"A01\"");
    }
}

[Trait("Provider", "Sqlite")]
public sealed class StandInRosterTests_Sqlite(CommandLogSqliteApp app) : StandInRosterTests(app), IClassFixture<CommandLogSqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class StandInRosterTests_Postgres(CommandLogPostgresApp app) : StandInRosterTests(app), IClassFixture<CommandLogPostgresApp>;
