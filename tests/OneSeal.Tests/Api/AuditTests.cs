using System.Net;
using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Audit;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Api;

/// <summary>
/// The audit trail is a hash chain: after real API traffic it verifies intact; editing one row's Detail in SQL makes
/// <see cref="AuditTrail.VerifyAsync"/> report exactly that row. (The tampering test puts the row back afterwards, so the
/// class's other tests see an intact chain whatever the order.)
/// </summary>
public abstract class AuditTests(OneSealFactory app) : CaseApiTestBase(app)
{
    private Task<AuditVerification> VerifyAsync() => InDb(db => AuditTrail.VerifyAsync(db, CancellationToken.None));

    private Task<List<AuditEntry>> EntriesOfAsync(Guid caseId)
    {
        var entityId = caseId.ToString();
        return InDb(db => db.Set<AuditEntry>().AsNoTracking().Where(a => a.EntityType == "case" && a.EntityId == entityId).OrderBy(a => a.Id).ToListAsync());
    }

    [Fact]
    public async Task After_a_full_path_the_audit_chain_verifies_intact_and_records_every_step()
    {
        var id = await ReviewedCaseAsync();
        (await StepAsync(await As("chief"), id, "decide", new { approve = true })).ShouldBe("certificate-issued");

        var result = await VerifyAsync();

        result.Intact.ShouldBeTrue($"first broken entry: {result.FirstBrokenId}");
        result.FirstBrokenId.ShouldBeNull();
        result.Entries.ShouldBeGreaterThan(0);
        var entries = await EntriesOfAsync(id);
        entries.Select(e => e.Action).Where(a => a != "case.approved").ShouldBe(
        [
            "case.create", .. Enumerable.Repeat("case.material-upload", 5), "case.submit",
            "case.accepted", "case.reviewed", "case.certificate-issued",
        ]);
        entries.First().ActorName.ShouldBe("applicant");
        entries.Single(e => e.Action == "case.accepted").ActorName.ShouldBe("clerk");
        entries.Single(e => e.Action == "case.reviewed").ActorName.ShouldBe("reviewer");
        entries.Single(e => e.Action == "case.certificate-issued").ActorName.ShouldBe("chief");
    }

    [Fact]
    public async Task The_approval_decision_has_its_own_audit_line_with_its_reason_as_a_denial_does()
    {
        const string reason = "符合《食品经营许可和备案管理办法》规定的条件。";
        var approved = await ReviewedCaseAsync();
        var denied = await ReviewedCaseAsync();

        (await StepAsync(await As("chief"), approved, "decide", new { approve = true, reason })).ShouldBe("certificate-issued");
        (await StepAsync(await As("chief"), denied, "decide", new { approve = false, reason = "不符合条件" })).ShouldBe("denied");

        (await EntriesOfAsync(denied)).ShouldContain(e => e.Action == "case.denied" && e.ActorName == "chief" && e.Detail == "不符合条件");
        var approval = await EntriesOfAsync(approved);
        approval.ShouldContain(e => e.Action == "case.approved" && e.ActorName == "chief" && e.Detail == reason,
            "the decision to approve (who, with what reason) is in the audit trail, before the certificate line");
        approval.FindIndex(e => e.Action == "case.approved").ShouldBeLessThan(approval.FindIndex(e => e.Action == "case.certificate-issued"));
    }

    [Fact]
    public async Task The_chain_stays_intact_when_writers_race()
    {
        var first = await SubmittedCaseAsync();
        var second = await SubmittedCaseAsync();
        var clerk = await As("clerk");
        var clerk2 = await As("clerk2");

        var responses = await Task.WhenAll(
            ActAsync(clerk, first, "accept"), ActAsync(clerk2, second, "accept"),
            ActAsync(clerk2, first, "accept"), ActAsync(clerk, second, "accept"));
        foreach (var r in responses) r.Dispose();

        var result = await VerifyAsync();
        result.Intact.ShouldBeTrue($"first broken entry: {result.FirstBrokenId}");
    }

    [Fact]
    public async Task Editing_one_rows_Detail_in_SQL_breaks_the_chain_at_that_row()
    {
        var id = await AcceptedCaseAsync();
        (await VerifyAsync()).Intact.ShouldBeTrue("the chain is intact before tampering");
        var target = (await EntriesOfAsync(id)).Single(e => e.Action == "case.accepted");
        var original = target.Detail;

        await InDb(db => db.Database.ExecuteSqlAsync($"UPDATE audit_entries SET detail = {"承诺办结日期 2099-12-31"} WHERE id = {target.Id}"));
        try
        {
            var result = await VerifyAsync();

            result.Intact.ShouldBeFalse();
            result.FirstBrokenId.ShouldBe(target.Id);
        }
        finally
        {
            await InDb(db => db.Database.ExecuteSqlAsync($"UPDATE audit_entries SET detail = {original} WHERE id = {target.Id}"));
        }
        (await VerifyAsync()).Intact.ShouldBeTrue("putting the original text back restores the chain");
    }

    [Fact]
    public async Task Deleting_a_row_in_SQL_breaks_the_chain_at_the_next_row()
    {
        var id = await AcceptedCaseAsync();
        var entries = await EntriesOfAsync(id);
        var submit = entries.Single(e => e.Action == "case.submit");
        var next = await InDb(db => db.Set<AuditEntry>().Where(a => a.Id > submit.Id).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync());

        await InDb(db => db.Database.ExecuteSqlAsync($"DELETE FROM audit_entries WHERE id = {submit.Id}"));
        try
        {
            var result = await VerifyAsync();

            result.Intact.ShouldBeFalse();
            result.FirstBrokenId.ShouldBe(next);
        }
        finally
        {
            await InDb(async db =>
            {
                db.Add(submit);
                await db.SaveChangesAsync(); // same id, same values: the chain is whole again
            });
        }
        (await VerifyAsync()).Intact.ShouldBeTrue("restoring the row restores the chain");
    }

    [Fact]
    public async Task A_refused_request_leaves_no_audit_line()
    {
        var id = await SubmittedCaseAsync();
        var before = (await EntriesOfAsync(id)).Count;

        using (var r = await ActAsync(await As("reviewer"), id, "review", new { opinion = "同意", recommend = "approve" }))
            await ShouldBeAsync(r, HttpStatusCode.Conflict);
        using (var r = await ActAsync(await As("clerk"), id, "refuse", new { reason = "" }))
            await ShouldBeAsync(r, HttpStatusCode.BadRequest);

        (await EntriesOfAsync(id)).Count.ShouldBe(before);
    }
}

[Trait("Provider", "Sqlite")]
public sealed class AuditTests_Sqlite(SqliteApp app) : AuditTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class AuditTests_Postgres(PostgresApp app) : AuditTests(app), IClassFixture<PostgresApp>;
