using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Audit;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Hall;

/// <summary>
/// Issue 11 §1: staff sign in to a window for the day (窗口签到): the A or B post of the window, or a window chief;
/// one window at a time; every sign-in audited; who may not is told why and nothing is written.
/// </summary>
public abstract class WindowSeatTests(OneSealFactory app) : CaseApiTestBase(app)
{
    private const string Windows = "/api/v1/windows";

    [Fact]
    public async Task A_clerk_signs_in_at_their_A_post_then_moves_to_the_window_where_they_are_B_post_and_signs_out()
    {
        var clerk = await As("clerk");
        var windows = await ListAsync(clerk);
        var a01 = windows.Single(w => Number(w) == "A01");
        var a02 = windows.Single(w => Number(w) == "A02");
        a01.GetProperty("mayTakeSeat").GetBoolean().ShouldBeTrue();
        windows.Single(w => Number(w) == "E01").GetProperty("mayTakeSeat").GetBoolean().ShouldBeFalse();

        var mine = await SignInAsync(clerk, Id(a01));
        (mine.GetProperty("window").GetProperty("number").GetString(), mine.GetProperty("post").GetString(), mine.GetProperty("postLabel").GetString())
            .ShouldBe(("A01", "A", "A岗"));
        // Signing in again where one sits changes nothing.
        await SignInAsync(clerk, Id(a01));
        var seated = (await ListAsync(clerk)).Single(w => Number(w) == "A01").GetProperty("signedIn");
        seated.GetArrayLength().ShouldBe(1);

        mine = await SignInAsync(clerk, Id(a02));
        (mine.GetProperty("window").GetProperty("number").GetString(), mine.GetProperty("post").GetString()).ShouldBe(("A02", "B"));
        (await ListAsync(clerk)).Single(w => Number(w) == "A01").GetProperty("signedIn").GetArrayLength().ShouldBe(0);

        using (var output = await clerk.PostAsync($"{Windows}/sign-out", null))
        {
            await ShouldBeAsync(output, HttpStatusCode.OK);
            (await output.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("window").ValueKind.ShouldBe(JsonValueKind.Null);
        }
        var a02Id = Id(a02).ToString();
        var lines = await App.InDb(db => db.Set<AuditEntry>().Where(e => e.Action == "window.sign-in" && e.EntityId == a02Id).ToListAsync());
        lines.ShouldContain(e => e.Detail!.Contains("A02") && e.Detail.Contains("B岗"));
    }

    [Fact]
    public async Task Who_is_not_a_post_of_the_window_or_an_administrator_may_not_sign_in_and_nothing_is_written()
    {
        var e01 = Id((await ListAsync(await As("clerk"))).Single(w => Number(w) == "E01"));
        {
            var before = await Seats(e01);
            using (var refused = await (await As("reviewer")).PostAsync($"{Windows}/{e01}/sign-in", null))
                (await ShouldBeProblemAsync(refused, HttpStatusCode.Forbidden)).GetProperty("rule").GetString().ShouldBe("not-post");
            using (var admin = await (await As("admin")).PostAsync($"{Windows}/{e01}/sign-in", null))
                (await ShouldBeProblemAsync(admin, HttpStatusCode.Forbidden)).GetProperty("rule").GetString().ShouldBe("role");
            using (var unknown = await (await As("clerk")).PostAsync($"{Windows}/{Guid.NewGuid()}/sign-in", null))
                await ShouldBeProblemAsync(unknown, HttpStatusCode.NotFound);
            (await Seats(e01)).ShouldBe(before);
        }
        using var applicant = await (await As("applicant")).GetAsync(Windows);
        await ShouldBeProblemAsync(applicant, HttpStatusCode.Forbidden);
    }

    private Task<int> Seats(Guid windowId) => App.InDb(db => db.Set<OneSeal.Hall.Seats.WindowSeat>().CountAsync(s => s.WindowId == windowId));

    private static string Number(JsonElement w) => w.GetProperty("window").GetProperty("number").GetString()!;
    private static Guid Id(JsonElement w) => w.GetProperty("window").GetProperty("id").GetGuid();

    private static async Task<List<JsonElement>> ListAsync(HttpClient client) => (await client.GetFromJsonAsync<List<JsonElement>>(Windows))!;

    private static async Task<JsonElement> SignInAsync(HttpClient client, Guid windowId)
    {
        using var response = await client.PostAsync($"{Windows}/{windowId}/sign-in", null);
        await ShouldBeAsync(response, HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}

[Trait("Provider", "Sqlite")]
public sealed class WindowSeatTests_Sqlite(SqliteApp app) : WindowSeatTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class WindowSeatTests_Postgres(PostgresApp app) : WindowSeatTests(app), IClassFixture<PostgresApp>;
