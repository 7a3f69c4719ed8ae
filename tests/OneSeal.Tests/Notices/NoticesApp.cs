using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneSeal.Cases;
using Case = OneSeal.Cases.Case;
using OneSeal.Catalog;
using OneSeal.Notices;
using OneSeal.Organisation;
using OneSeal.Platform.Database;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Notices;

/// <summary>The whole app (demo seed, real Chromium) with the outbox dispatcher on and polling fast, so notices render.</summary>
public static class NoticesAppOptions
{
    public static OneSealFactoryOptions Create() => new()
    {
        Settings = new Dictionary<string, string?> { ["Outbox:Enabled"] = "true", ["Outbox:PollSeconds"] = "0.2" },
    };
}

public sealed class NoticesSqliteApp() : OneSealFactory(DatabaseProvider.Sqlite, NoticesAppOptions.Create());

public sealed class NoticesPostgresApp() : OneSealFactory(DatabaseProvider.Postgres, NoticesAppOptions.Create());

/// <summary>Arrange and wait helpers over the demo seed.</summary>
public static class NoticeTestData
{
    /// <summary>A submitted case of the demo applicant <paramref name="applicantUsername"/> for a bureau item, written straight to the database.</summary>
    public static Task<Case> CreateCaseAsync(OneSealFactory app, string applicantUsername = "applicant") => app.InDb(async db =>
    {
        var bureau = await db.Set<Agency>().SingleAsync(a => a.Code == "XZSPJ");
        var item = await db.Set<Item>().OrderBy(i => i.Code).FirstAsync(i => i.ImplementingOrganisationId == bureau.Id);
        var applicant = await db.Set<Account>().SingleAsync(a => a.Username == applicantUsername);
        var now = Instants.Now(TimeProvider.System);
        var c = new Case
        {
            Id = Guid.NewGuid(),
            CaseNumber = "NT" + Guid.NewGuid().ToString("N")[..14].ToUpperInvariant(),
            ItemId = item.Id, ItemCode = item.Code, ItemName = item.Name,
            HandlingOrganisationId = bureau.Id,
            ApplicantAccountId = applicant.Id, ApplicantName = applicant.DisplayName, ApplicantKind = applicant.Kind,
            ApplicantIdentityMasked = applicant.IdentityCodeMasked,
            Channel = CaseChannel.Online, FormJson = "{}",
            StatutoryDays = item.StatutoryDays, PromisedDays = item.PromisedDays,
            CreatedAt = now,
        };
        c.RecordSubmission(now);
        c.MoveTo(CaseStatus.Submitted);
        db.Add(c);
        await db.SaveChangesAsync();
        return c;
    });

    public static async Task<NoticeRequest> RequestAsync(OneSealFactory app, Case c, NoticeKind kind, params (string Key, string Value)[] fields)
    {
        var bureau = await app.InDb(db => db.Set<Agency>().SingleAsync(a => a.Id == c.HandlingOrganisationId));
        return new NoticeRequest(c.Id, c.CaseNumber, kind, bureau.Id, bureau.Name, c.ApplicantName, c.ItemName,
            fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)).ToList(),
            AddresseeIsOrganisation: c.ApplicantKind == AccountKind.Enterprise);
    }

    /// <summary>Enqueues in a unit of work and commits it, as a case command would.</summary>
    public static async Task<CaseNotice> EnqueueAsync(OneSealFactory app, NoticeRequest request)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OneSealDb>();
        var notice = await scope.ServiceProvider.GetRequiredService<INoticeIssuer>()
            .EnqueueAsync(db, request, Instants.Now(scope.ServiceProvider.GetRequiredService<TimeProvider>()));
        await db.CommitAsync(default);
        return notice;
    }

    /// <summary>Waits for the dispatcher to take the notice out of Pending.</summary>
    public static async Task<CaseNotice> WaitUntilDoneAsync(OneSealFactory app, Guid noticeId, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (true)
        {
            var notice = await app.InDb(db => db.Set<CaseNotice>().AsNoTracking().SingleAsync(n => n.Id == noticeId));
            if (notice.Status != NoticeStatus.Pending) return notice;
            if (DateTime.UtcNow > until) throw new TimeoutException($"Notice {notice.Number} still Pending after {timeout ?? TimeSpan.FromSeconds(90)}.");
            await Task.Delay(100);
        }
    }

    /// <summary>A browser-like client signed in through the login page (cookie), redirects not followed.</summary>
    public static async Task<HttpClient> BrowserAsync(OneSealFactory app, string username)
    {
        var client = app.Anonymous();
        var page = await client.GetStringAsync("/account/login");
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        if (token.Length == 0) token = Regex.Match(page, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Username"] = username, ["Password"] = OneSealFactory.DemoPassword, ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        });
        var response = await client.PostAsync("/account/login", form);
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Login as {username} failed: {(int)response.StatusCode}");
        return client;
    }
}
