using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneSeal.Cases;
using OneSeal.Organisation;
using OneSeal.Platform.Database;
using OneSeal.Platform.Events;
using OneSeal.Platform.Security;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;
using static OneSeal.Tests.Exchange.ExchangeTestKit;

namespace OneSeal.Tests.Exchange;

/// <summary>
/// Issue 13 §3: every case transition other systems are told of, and every certificate issued or revoked, records its
/// event in the change's own transaction: subject the case or certificate number, the item's supervising department,
/// data a department may see (nothing unmasked).
/// </summary>
public abstract class EventRecordingTests(OneSealFactory app) : CaseApiTestBase(app)
{
    private Task<Guid> DepartmentAsync(string code) => InDb(db => db.Set<Agency>().Where(a => a.Code == code).Select(a => a.Id).SingleAsync());

    [Fact]
    public async Task An_approved_and_delivered_case_tells_its_department_each_step_and_the_certificate_with_masked_data()
    {
        var id = await ReviewedCaseAsync();
        (await StepAsync(await As("chief"), id, "decide", new { approve = true })).ShouldBe("certificate-issued");
        (await StepAsync(await As("clerk"), id, "deliver", new { mode = "pickup" })).ShouldBe("delivered");
        var c = await GetCaseAsync(await As("chief"), id);

        var events = await EventsOfAsync(App, c.CaseNumber);
        events.Select(e => e.Type).ShouldBe([EventTypes.CaseSubmitted, EventTypes.CaseAccepted, EventTypes.CaseDecided, EventTypes.CaseDelivered]);
        var market = await DepartmentAsync("SCJGJ");
        events.ShouldAllBe(e => e.DepartmentId == market && e.ItemCode == Demo.FoodLicence);
        events.Select(e => e.Action).ShouldBe(["submitted", "accepted", "approved", "delivered"]);
        events.Select(e => e.Id).Distinct().Count().ShouldBe(4);

        var decided = System.Text.Json.JsonDocument.Parse(events[2].Data).RootElement;
        decided.GetProperty("caseNumber").GetString().ShouldBe(c.CaseNumber);
        decided.GetProperty("itemName").GetString().ShouldBe("食品经营许可（新办）");
        decided.GetProperty("decision").GetString().ShouldBe("approved");
        decided.GetProperty("status").GetString().ShouldBe("certificate-issued");
        decided.GetProperty("certificateNumber").GetString().ShouldBe(c.CertificateNumber);
        decided.GetProperty("holder").GetProperty("name").GetString().ShouldBe("青山县张三小吃店");
        decided.GetProperty("holder").GetProperty("codeMasked").GetString()!.ShouldNotBe(Demo.Uscc);

        var certificate = (await EventsOfAsync(App, c.CertificateNumber!)).ShouldHaveSingleItem();
        certificate.Type.ShouldBe(EventTypes.CertificateIssued);
        certificate.DepartmentId.ShouldBe(market);
        System.Text.Json.JsonDocument.Parse(certificate.Data).RootElement.GetProperty("caseNumber").GetString().ShouldBe(c.CaseNumber);

        // Never a full identity code, credit code or phone number in any event.
        foreach (var e in events.Append(certificate))
        {
            e.Data.ShouldNotContain(Demo.Uscc);
            e.Data.ShouldNotContain(Demo.CitizenId);
            e.Data.ShouldNotContain("13807960001");
        }
    }

    [Fact]
    public async Task Correction_resubmission_suspension_resumption_extension_and_denial_are_each_told()
    {
        var applicant = await As("applicant");
        var id = await SubmittedCaseAsync();
        (await StepAsync(await As("clerk"), id, "request-correction", new { missing = new[] { "M03" }, note = "平面布局图不清晰" })).ShouldBe("correction-requested");
        using (var up = await UploadAsync(applicant, id, "M03", "m03-v2.pdf", SampleFiles.Pdf("layout v2"))) await ShouldBeAsync(up, HttpStatusCode.Created);
        (await StepAsync(applicant, id, "submit")).ShouldBe("submitted");
        (await StepAsync(await As("clerk"), id, "accept")).ShouldBe("accepted");
        (await StepAsync(await As("reviewer"), id, "suspend", new { kind = "hearing", reason = "举行听证", expectedDays = 5 })).ShouldBe("suspended");
        (await StepAsync(await As("reviewer"), id, "resume")).ShouldBe("accepted");
        (await StepAsync(await As("chief"), id, "extend", new { reason = "情况复杂" })).ShouldBe("accepted");
        (await StepAsync(await As("reviewer"), id, "review", new { opinion = "不符合条件。", recommend = "deny" })).ShouldBe("reviewed");
        (await StepAsync(await As("chief"), id, "decide", new { approve = false, reason = "经营场所不符合要求。" })).ShouldBe("denied");

        var number = (await GetCaseAsync(applicant, id)).CaseNumber;
        var events = await EventsOfAsync(App, number);
        events.Select(e => (e.Type, e.Action)).ShouldBe([
            (EventTypes.CaseSubmitted, "submitted"), (EventTypes.CaseCorrected, "correction-requested"), (EventTypes.CaseSubmitted, "resubmitted"),
            (EventTypes.CaseAccepted, "accepted"), (EventTypes.CaseSuspended, "suspended"), (EventTypes.CaseResumed, "resumed"),
            (EventTypes.CaseExtended, "extended"), (EventTypes.CaseDecided, "refused")]);
        System.Text.Json.JsonDocument.Parse(events[^1].Data).RootElement.GetProperty("decision").GetString().ShouldBe("refused");
    }

    [Fact]
    public async Task A_refusal_is_told_and_a_revoked_certificate_too()
    {
        var refusedId = await SubmittedCaseAsync();
        (await StepAsync(await As("clerk"), refusedId, "refuse", new { reason = "不属于本机关职权范围" })).ShouldBe("refused");
        var refused = await EventsOfAsync(App, (await GetCaseAsync(await As("applicant"), refusedId)).CaseNumber);
        refused.Select(e => e.Type).ShouldBe([EventTypes.CaseSubmitted, EventTypes.CaseRefused]);

        var id = await ReviewedCaseAsync();
        (await StepAsync(await As("chief"), id, "decide", new { approve = true })).ShouldBe("certificate-issued");
        var number = (await GetCaseAsync(await As("chief"), id)).CertificateNumber!;
        using (var revoke = await (await As("chief")).PostAsJsonAsync($"/api/v1/certificates/{number}/revoke", new { reason = "以欺骗手段取得" }))
            await ShouldBeAsync(revoke, HttpStatusCode.OK);
        var events = await EventsOfAsync(App, number);
        events.Select(e => e.Type).ShouldBe([EventTypes.CertificateIssued, EventTypes.CertificateRevoked]);
        events[1].Action.ShouldBe("revoked");
        events[1].DepartmentId.ShouldBe(await DepartmentAsync("SCJGJ"));
        var data = System.Text.Json.JsonDocument.Parse(events[1].Data).RootElement;
        (data.GetProperty("status").GetString(), data.GetProperty("revokedReason").GetString()).ShouldBe(("revoked", "以欺骗手段取得"));
    }

    [Fact]
    public async Task A_command_rolled_back_after_its_transition_leaves_no_event()
    {
        var id = await SubmittedCaseAsync();
        var number = (await GetCaseAsync(await As("applicant"), id)).CaseNumber;
        var clerk = await InDb(db => db.Set<Account>().AsNoTracking().SingleAsync(a => a.Username == "clerk"));
        var actor = new Actor(clerk.Id, "clerk", clerk.DisplayName, AccountKind.Staff, clerk.OrganisationId, new HashSet<string> { Roles.Clerk })
            { WorkUnitId = clerk.OrganisationId };

        // The acceptance runs whole (its event saved) inside a transaction that then fails: all of it rolls back.
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OneSealDb>();
            var commands = scope.ServiceProvider.GetRequiredService<CaseCommands>();
            await Should.ThrowAsync<InvalidOperationException>(() => db.InTransactionAsync(async () =>
            {
                (await commands.AcceptAsync(actor, id, null, default)).Status.ShouldBe(CaseStatus.Accepted);
                (await db.Set<EventRecord>().CountAsync(e => e.Subject == number && e.Type == EventTypes.CaseAccepted)).ShouldBe(1, "saved inside the transaction");
                throw new InvalidOperationException("a later step of the same unit of work failed");
            }, default));
        }

        (await GetCaseAsync(await As("applicant"), id)).Status.ShouldBe("submitted");
        (await EventsOfAsync(App, number)).Select(e => e.Type).ShouldBe([EventTypes.CaseSubmitted]);
        // The same command afterwards records its event once.
        (await StepAsync(await As("clerk"), id, "accept")).ShouldBe("accepted");
        (await EventsOfAsync(App, number)).Select(e => e.Type).ShouldBe([EventTypes.CaseSubmitted, EventTypes.CaseAccepted]);
    }
}

[Trait("Provider", "Sqlite")]
public sealed class EventRecordingTests_Sqlite(SqliteApp app) : EventRecordingTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class EventRecordingTests_Postgres(PostgresApp app) : EventRecordingTests(app), IClassFixture<PostgresApp>;
