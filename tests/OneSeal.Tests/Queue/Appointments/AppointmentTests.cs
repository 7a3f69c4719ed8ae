using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneSeal.Organisation.Identifiers;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Queue.Appointments;
using OneSeal.Queue.Tickets;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Queue.Appointments;

/// <summary>
/// Issue 12 §4: slots only on the calendar's working days (none on a holiday, yes on a make-up Saturday), capacity per
/// half hour, one active booking per person per theme, a cancelled place released only after the delay, three no-shows
/// blocking booking, the check-in window, and bad input named by field. Each test books its own theme.
/// </summary>
/// <remarks>The app's fake clock only goes forward: the tests run in name order (A_ … G_), each later in time.</remarks>
[TestCaseOrderer("OneSeal.Tests.Queue.Appointments.ByName", "OneSeal.Tests")]
public abstract class AppointmentTests(OneSealFactory app) : CaseApiTestBase(app)
{
    private const string Api = "/api/v1/appointments";
    private FakeTimeProvider Clock => App.Time!;
    private static int _people;

    /// <summary>A fresh valid GB 11643 ID number.</summary>
    internal static string NewIdNumber()
    {
        var n = Interlocked.Increment(ref _people);
        var birth = new DateOnly(1960, 1, 1).AddDays(Random.Shared.Next(0, 12000) + n);
        var first17 = $"360999{birth:yyyyMMdd}{Random.Shared.Next(0, 1000):000}";
        return first17 + CitizenIdNumber.ComputeCheckCharacter(first17);
    }

    private static string NewPhone() => "139" + Random.Shared.Next(0, 100_000_000).ToString("00000000");

    protected static object Booking(string theme, string date, string time, string? id = null, string? name = "张预约") =>
        new { theme, date, time, name, idNumber = id ?? NewIdNumber(), phone = NewPhone() };

    protected async Task<JsonElement> BookAsync(object body)
    {
        using var r = await Anonymous().PostAsJsonAsync(Api, body);
        await ShouldBeAsync(r, HttpStatusCode.Created);
        return await r.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<JsonElement> SlotsAsync(string theme, string date) =>
        await Anonymous().GetFromJsonAsync<JsonElement>($"{Api}/slots?theme={theme}&date={date}");

    private static JsonElement Slot(JsonElement day, string time) =>
        day.GetProperty("slots").EnumerateArray().Single(s => s.GetProperty("time").GetString() == time);

    private Task SetCapacityAsync(string theme, int perSlot) => InDb(async db =>
    {
        var row = await db.Set<AppointmentCapacity>().FirstOrDefaultAsync(c => c.ThemeCode == theme);
        if (row is null) db.Add(new AppointmentCapacity { ThemeCode = theme, PerSlot = perSlot, UpdatedAt = Clock.GetUtcNow() });
        else row.PerSlot = perSlot;
        await db.SaveChangesAsync();
    });

    private async Task<T> InScope<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    private static Task<HttpResponseMessage> CancelAsync(HttpClient client, Guid id, object? proof) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"{Api}/{id}") { Content = proof is null ? null : JsonContent.Create(proof) });

    [Fact]
    public async Task G_slots_follow_the_calendar_no_slots_on_a_holiday_slots_on_a_make_up_working_day_and_past_ones_marked()
    {
        // Thursday 30 April 2026; 1–5 May are 劳动节, Saturday 9 May a make-up working day (调休上班).
        Clock.SetLocal(2026, 4, 30, 10, 10);
        var holiday = await SlotsAsync("social", "2026-05-04");
        (holiday.GetProperty("workingDay").GetBoolean(), holiday.GetProperty("slots").GetArrayLength()).ShouldBe((false, 0));
        using (var r = await Anonymous().PostAsJsonAsync(Api, Booking("social", "2026-05-04", "09:00")))
            (await ShouldBeProblemAsync(r, HttpStatusCode.BadRequest, "date")).GetProperty("rules").GetProperty("date")[0].GetString().ShouldBe("not-working-day");

        var makeUp = await SlotsAsync("social", "2026-05-09");
        makeUp.GetProperty("workingDay").GetBoolean().ShouldBeTrue();
        makeUp.GetProperty("slots").GetArrayLength().ShouldBe(13, "09:00–12:00 and 13:30–17:00 in half hours");
        Slot(makeUp, "09:00").GetProperty("bookable").GetBoolean().ShouldBeTrue();
        makeUp.GetProperty("hallAddress").GetString().ShouldNotBeNullOrEmpty();
        await BookAsync(Booking("social", "2026-05-09", "16:30"));

        var today = await SlotsAsync("social", "2026-04-30");
        (Slot(today, "09:30").GetProperty("past").GetBoolean(), Slot(today, "10:00").GetProperty("bookable").GetBoolean()).ShouldBe((true, false));
        (Slot(today, "10:30").GetProperty("past").GetBoolean(), Slot(today, "10:30").GetProperty("remaining").GetInt32()).ShouldBe((false, 4));
        using (var r = await Anonymous().PostAsJsonAsync(Api, Booking("social", "2026-04-30", "09:30")))
            await ShouldBeProblemAsync(r, HttpStatusCode.BadRequest, "time");
        // Beyond the horizon (7 working days from 30 April: 30 April + 6, 7, 8, 9, 11, 12, 13 May).
        (await SlotsAsync("social", "2026-05-14")).GetProperty("withinHorizon").GetBoolean().ShouldBeFalse();
        using (var r = await Anonymous().PostAsJsonAsync(Api, Booking("social", "2026-05-14", "09:00")))
            await ShouldBeProblemAsync(r, HttpStatusCode.BadRequest, "date");

        // The pages answer: the booking page with the days, the kiosk's check-in, the administrator's settings.
        (await Anonymous().GetStringAsync("/appointments?theme=social")).ShouldContain("data-date=\"2026-05-09\"");
        (await Anonymous().GetStringAsync("/kiosk/check-in")).ShouldContain("id=\"keypad\"");
        using var admin = await OneSeal.Tests.Organisation.SignInTestKit.CookieBrowserAsync(App, "admin");
        (await admin.GetStringAsync("/admin/appointments")).ShouldContain("capacity[social]");
    }

    [Fact]
    public async Task B_capacity_per_half_hour_is_enforced_and_one_person_holds_one_active_booking_per_theme()
    {
        Clock.SetLocal(2026, 3, 2, 10, 5);
        await SetCapacityAsync("construction", 2);
        var person = NewIdNumber();
        var first = await BookAsync(Booking("construction", "2026-03-03", "09:00", person));
        first.GetProperty("bookingCode").GetString()!.Length.ShouldBe(6);
        first.GetProperty("idNumberMasked").GetString().ShouldNotBe(person);
        await BookAsync(Booking("construction", "2026-03-03", "09:00"));
        using (var r = await Anonymous().PostAsJsonAsync(Api, Booking("construction", "2026-03-03", "09:00")))
            await ShouldBeProblemAsync(r, HttpStatusCode.Conflict, rule: "slot-full");
        var slot = Slot(await SlotsAsync("construction", "2026-03-03"), "09:00");
        (slot.GetProperty("remaining").GetInt32(), slot.GetProperty("full").GetBoolean()).ShouldBe((0, true));

        using (var r = await Anonymous().PostAsJsonAsync(Api, Booking("construction", "2026-03-04", "10:00", person)))
            await ShouldBeProblemAsync(r, HttpStatusCode.Conflict, rule: "one-per-theme");
        await BookAsync(Booking("agriculture", "2026-03-04", "10:00", person));

        var row = await InDb(db => db.Set<Appointment>().AsNoTracking().SingleAsync(a => a.Id == first.GetProperty("id").GetGuid()));
        (row.IdNumberProtected.Contains(person), row.CodeHash.Contains(first.GetProperty("bookingCode").GetString()!)).ShouldBe((false, false));
        (await InDb(db => db.Set<AuditEntry>().CountAsync(a => a.EntityType == "appointment" && a.Action == "appointment.book" && a.EntityId == row.Id.ToString()))).ShouldBe(1);
    }

    [Fact]
    public async Task C_a_cancelled_place_returns_to_the_pool_only_after_the_release_delay_and_only_the_holder_or_hall_staff_cancel()
    {
        Clock.SetLocal(2026, 3, 2, 10, 10);
        await SetCapacityAsync("transport", 1);
        var person = NewIdNumber();
        var a = await BookAsync(Booking("transport", "2026-03-05", "14:00", person));
        var id = a.GetProperty("id").GetGuid();
        var code = a.GetProperty("bookingCode").GetString()!;

        using (var r = await CancelAsync(Anonymous(), id, new { idNumber = person, bookingCode = code == "000000" ? "111111" : "000000" }))
            await ShouldBeProblemAsync(r, HttpStatusCode.NotFound);
        using (var r = await CancelAsync(Anonymous(), id, null))
            await ShouldBeProblemAsync(r, HttpStatusCode.NotFound);
        using (var r = await CancelAsync(Anonymous(), id, new { idNumber = person, bookingCode = code }))
            await ShouldBeAsync(r, HttpStatusCode.OK);
        using (var r = await CancelAsync(Anonymous(), id, new { idNumber = person, bookingCode = code }))
            await ShouldBeProblemAsync(r, HttpStatusCode.Conflict, rule: "appointment-not-active");

        // Anti-scalping: the place stays taken for 30 minutes after the cancel.
        using (var r = await Anonymous().PostAsJsonAsync(Api, Booking("transport", "2026-03-05", "14:00")))
            await ShouldBeProblemAsync(r, HttpStatusCode.Conflict, rule: "slot-full");
        Clock.Advance(TimeSpan.FromMinutes(31));
        var second = await BookAsync(Booking("transport", "2026-03-05", "14:00"));
        // The same person may book the theme again once the old booking is cancelled; hall staff cancel without proof.
        await SetCapacityAsync("transport", 2);
        await BookAsync(Booking("transport", "2026-03-05", "14:30", person));
        using (var r = await CancelAsync(await As("clerk"), second.GetProperty("id").GetGuid(), null))
            await ShouldBeAsync(r, HttpStatusCode.OK);
    }

    [Fact]
    public async Task E_three_no_shows_in_30_days_block_booking_until_a_named_time()
    {
        var person = NewIdNumber();
        foreach (var day in new[] { 9, 10, 11 })
        {
            Clock.SetLocal(2026, 3, day, 8);
            await BookAsync(Booking("police", $"2026-03-{day:00}", "09:00", person));
            Clock.SetLocal(2026, 3, day, 9, 46);
            var result = await InScope(sp => sp.GetRequiredService<AppointmentSweep>().RunOnceAsync(Clock.GetUtcNow(), default));
            result.NoShows.ShouldBeGreaterThanOrEqualTo(1);
        }
        using var r = await Anonymous().PostAsJsonAsync(Api, Booking("police", "2026-03-12", "09:00", person));
        var problem = await ShouldBeProblemAsync(r, HttpStatusCode.Conflict, rule: "no-show-block");
        problem.GetProperty("detail").GetString()!.ShouldContain("2026年4月10日");
        (await InDb(db => db.Set<Appointment>().CountAsync(a => a.Status == AppointmentStatus.NoShow && a.ThemeCode == "police"))).ShouldBeGreaterThanOrEqualTo(3);
        // Another person is not blocked.
        await BookAsync(Booking("police", "2026-03-12", "09:00"));
    }

    [Fact]
    public async Task F_check_in_is_allowed_from_30_minutes_before_to_15_after_the_start_once_and_on_its_day_only()
    {
        Clock.SetLocal(2026, 3, 16, 8);
        var person = NewIdNumber();
        var onTime = (await BookAsync(Booking("market", "2026-03-16", "10:00", person))).GetProperty("id").GetGuid();
        var late = (await BookAsync(Booking("market", "2026-03-16", "11:00"))).GetProperty("id").GetGuid();
        var tomorrow = (await BookAsync(Booking("market", "2026-03-17", "10:00"))).GetProperty("id").GetGuid();

        Clock.SetLocal(2026, 3, 16, 9, 29);
        (await CheckInAsync(onTime)).ShouldBe("check-in-too-early");
        Clock.SetLocal(2026, 3, 16, 9, 31);
        (await CheckInAsync(onTime)).ShouldBeNull();
        (await CheckInAsync(onTime)).ShouldBe("appointment-checked-in");
        (await CheckInAsync(tomorrow)).ShouldBe("appointment-wrong-day");
        Clock.SetLocal(2026, 3, 16, 11, 16);
        (await CheckInAsync(late)).ShouldBe("check-in-too-late");
        Clock.SetLocal(2026, 3, 16, 11, 46);
        await InScope(sp => sp.GetRequiredService<AppointmentSweep>().RunOnceAsync(Clock.GetUtcNow(), default));
        (await CheckInAsync(late)).ShouldBe("appointment-no-show");

        var row = await InDb(db => db.Set<Appointment>().AsNoTracking().SingleAsync(a => a.Id == onTime));
        (row.Status, row.CheckedInAt).ShouldBe((AppointmentStatus.CheckedIn, Clock.GetUtcNow().AddMinutes(-135)));
        var checkedIn = await InScope(sp => Task.FromResult(sp.GetRequiredService<LookupHash>().Of("identity", person)));
        row.IdNumberHash.ShouldBe(checkedIn);
    }

    /// <summary>Checks in as the ticket does (inside a transaction it commits); the rule when refused, else null.</summary>
    private Task<string?> CheckInAsync(Guid id) => InScope(async sp =>
    {
        var db = sp.GetRequiredService<OneSealDb>();
        try
        {
            await db.InTransactionAsync(async () =>
            {
                var a = await sp.GetRequiredService<IAppointmentCheckIn>().CheckInAsync(id, Clock.GetUtcNow(), default);
                a.AppointmentId.ShouldBe(id);
                await db.CommitAsync(default);
            }, default);
            return null;
        }
        catch (ConflictException e)
        {
            return e.Rule;
        }
    });

    [Fact]
    public async Task A_bad_input_is_problem_json_naming_the_field_and_nul_or_huge_input_is_never_a_500()
    {
        Clock.SetLocal(2026, 3, 2, 10);
        var before = await InDb(db => db.Set<Appointment>().CountAsync());
        using (var r = await Anonymous().PostAsJsonAsync(Api, new { theme = "no-such", date = "2026-13-40", time = "09:10", name = "", idNumber = "360999199001011234", phone = "12345" }))
        {
            var errors = (await ShouldBeProblemAsync(r, HttpStatusCode.BadRequest)).GetProperty("errors");
            foreach (var field in new[] { "theme", "date", "time", "name", "idNumber", "phone" })
                errors.TryGetProperty(field, out _).ShouldBeTrue(field);
        }
        using (var r = await Anonymous().PostAsJsonAsync(Api, Booking("real-estate", "2026-03-03", "09:00", name: "张\u0000三")))
            ((int)r.StatusCode).ShouldBe(400);
        using (var r = await Anonymous().PostAsJsonAsync(Api, Booking("real-estate", "2026-03-03", "09:00", name: new string('张', 10_000))))
            await ShouldBeProblemAsync(r, HttpStatusCode.BadRequest, "name");
        using (var r = await Anonymous().PostAsJsonAsync(Api, new { theme = "real-estate", date = "2026-03-03", time = "09:00", name = "李", idNumber = new string('1', 100_000), phone = new string('1', 100_000) }))
            ((int)r.StatusCode).ShouldBeLessThan(500);
        using (var r = await Anonymous().GetAsync($"{Api}/slots?theme=real-estate&date=tomorrow"))
            await ShouldBeProblemAsync(r, HttpStatusCode.BadRequest, "date");
        using (var r = await Anonymous().GetAsync($"{Api}/slots?theme=&date=2026-03-03"))
            await ShouldBeProblemAsync(r, HttpStatusCode.BadRequest, "theme");
        using (var r = await CancelAsync(Anonymous(), Guid.NewGuid(), new { idNumber = "\u0000", bookingCode = new string('9', 50_000) }))
            ((int)r.StatusCode).ShouldBeLessThan(500);
        (await InDb(db => db.Set<Appointment>().CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task D_two_bookings_of_the_last_place_at_once_one_wins()
    {
        Clock.SetLocal(2026, 3, 2, 11);
        await SetCapacityAsync("social-security", 1);
        foreach (var time in new[] { "09:00", "09:30", "10:00", "10:30" })
        {
            var bodies = new[] { Booking("social-security", "2026-03-06", time), Booking("social-security", "2026-03-06", time) };
            var responses = await Task.WhenAll(bodies.Select(b => Anonymous().PostAsJsonAsync(Api, b)));
            responses.Select(r => r.StatusCode).OrderBy(s => s).ToArray().ShouldBe(new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }, time);
            foreach (var r in responses) r.Dispose();
        }
        var taken = await InDb(db => db.Set<Appointment>().Where(a => a.ThemeCode == "social-security" && a.Day == new DateOnly(2026, 3, 6))
            .GroupBy(a => a.StartMinute).Select(g => g.Count()).ToListAsync());
        taken.ShouldAllBe(n => n == 1);
    }
}

public sealed class AppointmentSqliteApp() : OneSealFactory(DatabaseProvider.Sqlite, AppointmentApps.Options());

public sealed class AppointmentPostgresApp() : OneSealFactory(DatabaseProvider.Postgres, AppointmentApps.Options());

public static class AppointmentApps
{
    /// <summary>The sweep is run by hand (no background job moving appointments under a test); no address limit in API tests.</summary>
    public static OneSealFactoryOptions Options() => new()
    {
        Time = new FakeTimeProvider(),
        Settings = new Dictionary<string, string?> { ["Queue:Appointments:SweepSeconds"] = "0", ["Queue:Appointments:RequestsPerAddressPer10Minutes"] = "10000" },
    };
}

[Trait("Provider", "Sqlite")]
public sealed class AppointmentTests_Sqlite(AppointmentSqliteApp app) : AppointmentTests(app), IClassFixture<AppointmentSqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class AppointmentTests_Postgres(AppointmentPostgresApp app) : AppointmentTests(app), IClassFixture<AppointmentPostgresApp>;

/// <summary>Runs a class's tests in the order of their names.</summary>
public sealed class ByName : Xunit.Sdk.ITestCaseOrderer
{
    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases) where TTestCase : Xunit.Abstractions.ITestCase =>
        testCases.OrderBy(t => t.TestMethod.Method.Name, StringComparer.Ordinal);
}
