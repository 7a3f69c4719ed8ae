using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Time;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Api;

/// <summary>
/// The audit trail is a hash chain per entity (stream), with stream heads and anchors (docs/decisions/0006): after real
/// API traffic it verifies intact; editing one row's Detail in SQL makes <see cref="AuditTrail.VerifyAsync"/> report
/// exactly that row; deleting a row, cutting a stream's tail or appending behind the chain's back is found. (The
/// tampering tests put everything back afterwards, so the class's other tests see an intact trail whatever the order.)
/// </summary>
public abstract class AuditTests(OneSealFactory app) : CaseApiTestBase(app)
{
    private Task<AuditVerification> VerifyAsync() => InDb(db => AuditTrail.VerifyAsync(db, Keys, CancellationToken.None));

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
            // The decision's transaction also issues the result window's pick-up code (issue 11).
            "case.accepted", "case.reviewed", "case.pickup-code", "case.certificate-issued",
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
    public async Task Deleting_a_row_in_SQL_breaks_the_chain_at_the_next_row_of_its_stream()
    {
        var id = await AcceptedCaseAsync();
        var entries = await EntriesOfAsync(id);
        var submit = entries.Single(e => e.Action == "case.submit");
        var next = entries.Single(e => e.StreamSeq == submit.StreamSeq + 1).Id;

        await InDb(db => db.Database.ExecuteSqlAsync($"DELETE FROM audit_entries WHERE id = {submit.Id}"));
        try
        {
            var result = await VerifyAsync();

            result.Intact.ShouldBeFalse();
            result.FirstBrokenId.ShouldBe(next);
        }
        finally
        {
            await RestoreAsync(submit); // same id, same values: the chain is whole again
        }
        (await VerifyAsync()).Intact.ShouldBeTrue("restoring the row restores the chain");
    }

    [Fact]
    public async Task Each_case_is_one_stream_numbered_from_1_without_gaps()
    {
        var id = await AcceptedCaseAsync();

        var entries = await EntriesOfAsync(id);

        entries.Select(e => e.StreamSeq).ShouldBe(Enumerable.Range(1, entries.Count).Select(i => (long?)i));
        entries[0].PrevHash.ShouldBe(new string('0', 64));
        for (var i = 1; i < entries.Count; i++) entries[i].PrevHash.ShouldBe(entries[i - 1].Hash);
    }

    [Fact]
    public async Task Cutting_the_tail_of_a_stream_in_SQL_is_found_by_its_head()
    {
        var id = await AcceptedCaseAsync();
        var last = (await EntriesOfAsync(id)).Last();

        await InDb(db => db.Database.ExecuteSqlAsync($"DELETE FROM audit_entries WHERE id = {last.Id}"));
        try
        {
            var result = await VerifyAsync();

            result.Intact.ShouldBeFalse();
            result.Problem.ShouldNotBeNull().ShouldContain(id.ToString());
        }
        finally
        {
            await RestoreAsync(last);
        }
        (await VerifyAsync()).Intact.ShouldBeTrue("restoring the row restores the trail");
    }

    [Fact]
    public async Task Cutting_a_tail_and_rewinding_its_head_in_SQL_is_found_by_the_anchor()
    {
        var id = await AcceptedCaseAsync();
        await AnchorAsync();
        var entries = await EntriesOfAsync(id);
        var (last, before) = (entries[^1], entries[^2]);
        var key = id.ToString();

        // A careful forger: delete the newest entry and make the head point at the one before it.
        await InDb(db => db.Database.ExecuteSqlAsync($"DELETE FROM audit_entries WHERE id = {last.Id}"));
        await InDb(db => db.Database.ExecuteSqlAsync(
            $"UPDATE audit_streams SET seq = {before.StreamSeq}, hash = {before.Hash}, anchored_seq = {before.StreamSeq} WHERE entity_type = 'case' AND entity_id = {key}"));
        try
        {
            var result = await VerifyAsync();

            result.Intact.ShouldBeFalse();
            result.Problem.ShouldNotBeNull().ShouldContain("anchor");
        }
        finally
        {
            await RestoreAsync(last);
            await InDb(db => db.Database.ExecuteSqlAsync(
                $"UPDATE audit_streams SET seq = {last.StreamSeq}, hash = {last.Hash}, anchored_seq = {last.StreamSeq} WHERE entity_type = 'case' AND entity_id = {key}"));
        }
        (await VerifyAsync()).Intact.ShouldBeTrue("restoring the row and the head restores the trail");
    }

    [Fact]
    public async Task An_entry_appended_in_SQL_behind_the_heads_back_is_found()
    {
        var id = await AcceptedCaseAsync();
        var last = (await EntriesOfAsync(id)).Last();
        var forged = new AuditEntry
        {
            At = last.At, ActorName = "clerk", Action = "case.refused", EntityType = "case", EntityId = last.EntityId,
            PrevHash = last.Hash, StreamSeq = last.StreamSeq + 1,
        };
        forged.Hash = AuditTrail.HashOf(forged); // even with a correctly computed hash

        await InDb(async db =>
        {
            db.Add(forged);
            await db.SaveChangesAsync();
        });
        try
        {
            var result = await VerifyAsync();

            result.Intact.ShouldBeFalse();
            result.FirstBrokenId.ShouldBe(forged.Id);
        }
        finally
        {
            await InDb(db => db.Database.ExecuteSqlAsync($"DELETE FROM audit_entries WHERE id = {forged.Id}"));
        }
        (await VerifyAsync()).Intact.ShouldBeTrue();
    }

    [Fact]
    public async Task Many_parallel_transitions_on_many_cases_keep_every_stream_whole()
    {
        const int cases = 12;
        var ids = new List<Guid>();
        for (var i = 0; i < cases; i++) ids.Add(await SubmittedCaseAsync());
        var clerk = await As("clerk");
        var clerk2 = await As("clerk2");

        // Every case accepted by both clerks at once (one wins, one gets 409), all cases at the same time.
        var responses = await Task.WhenAll(ids.SelectMany(id => new[] { ActAsync(clerk, id, "accept"), ActAsync(clerk2, id, "accept") }));
        responses.Count(r => r.IsSuccessStatusCode).ShouldBe(cases);
        foreach (var r in responses) r.Dispose();
        await AnchorAsync();

        var result = await VerifyAsync();
        result.Intact.ShouldBeTrue(result.Problem);
        foreach (var id in ids)
        {
            var entries = await EntriesOfAsync(id);
            entries.Count(e => e.Action == "case.accepted").ShouldBe(1);
            entries.Select(e => e.StreamSeq).ShouldBe(Enumerable.Range(1, entries.Count).Select(i => (long?)i));
        }
    }

    [Fact]
    public async Task Defect18_an_entry_rewritten_with_its_stream_head_and_anchor_chain_recomputed_is_found_by_the_anchor_signature()
    {
        var id = await AcceptedCaseAsync();
        await AnchorAsync();
        (await VerifyAsync()).Intact.ShouldBeTrue("the chain is intact before tampering");

        var undo = await AuditForger.RewriteAsync(App, "case", id.ToString(), "case.accepted", "承诺办结日期 2099-12-31");
        try
        {
            var result = await VerifyAsync();

            result.Intact.ShouldBeFalse("a rewrite made consistent without the key must not verify");
            // Every hash check passed (the forger recomputed them all): only the signature, made with a key the database
            // does not hold, tells.
            result.FirstBrokenId.ShouldBeNull();
            result.Problem.ShouldNotBeNull().ShouldContain("signature does not match");
            result.ProblemZh.ShouldNotBeNull().ShouldContain("签名不符");
        }
        finally
        {
            await undo();
        }
        (await VerifyAsync()).Intact.ShouldBeTrue("putting every row back restores the trail");
    }

    [Fact]
    public async Task Defect18_an_untouched_anchored_trail_verifies_and_every_anchor_is_signed()
    {
        await AcceptedCaseAsync();
        await AnchorAsync();

        var result = await VerifyAsync();

        result.Intact.ShouldBeTrue(result.Problem);
        result.Anchors.ShouldBeGreaterThan(0);
        (await InDb(db => db.Set<AuditAnchor>().CountAsync(a => a.Signature == null || a.KeyId == null))).ShouldBe(0);
    }

    [Fact]
    public async Task Defect18_an_anchor_whose_signature_was_removed_is_a_break()
    {
        await AcceptedCaseAsync();
        await AnchorAsync();
        var last = await InDb(db => db.Set<AuditAnchor>().AsNoTracking().OrderByDescending(a => a.Id).FirstAsync());

        await InDb(db => db.Database.ExecuteSqlAsync($"UPDATE audit_anchors SET signature = NULL WHERE id = {last.Id}"));
        try
        {
            var result = await VerifyAsync();

            result.Intact.ShouldBeFalse();
            result.Problem.ShouldNotBeNull().ShouldContain($"anchor {last.Id} is not signed");
        }
        finally
        {
            await InDb(db => db.Database.ExecuteSqlAsync($"UPDATE audit_anchors SET signature = {last.Signature} WHERE id = {last.Id}"));
        }
        (await VerifyAsync()).Intact.ShouldBeTrue();
    }

    [Fact]
    public async Task Defect18_verify_audit_command_exits_0_when_intact_1_after_a_rewrite_and_records_each_run()
    {
        var id = await AcceptedCaseAsync();
        await AnchorAsync();

        var (intact, intactOutput) = await VerifyFromCommandLineAsync(App.Database.ConnectionString);
        intact.ShouldBe(0, intactOutput);
        intactOutput.ShouldContain("审计记录核验：完整");
        intactOutput.ShouldContain("Audit trail verification: intact");

        var undo = await AuditForger.RewriteAsync(App, "case", id.ToString(), "case.accepted", "承诺办结日期 2099-12-31");
        try
        {
            var (broken, brokenOutput) = await VerifyFromCommandLineAsync(App.Database.ConnectionString);
            broken.ShouldBe(1, brokenOutput);
            brokenOutput.ShouldContain("发现异常");
            brokenOutput.ShouldContain("BROKEN");
            brokenOutput.ShouldContain("签名不符");
        }
        finally
        {
            await undo();
        }
        var runs = await InDb(db => db.Set<AuditVerificationRun>().AsNoTracking().Where(r => r.Source == AuditVerificationRun.FromCommandLine)
            .OrderByDescending(r => r.Id).Take(2).ToListAsync());
        runs.Select(r => r.Intact).ShouldBe([false, true]);
        runs[1].Entries.ShouldBeGreaterThan(0);
        (await VerifyAsync()).Intact.ShouldBeTrue();
    }

    [Fact]
    public async Task Defect18_verify_audit_command_exits_2_when_it_cannot_verify()
    {
        await using var empty = await TestDatabase.CreateAsync(Provider);   // no schema

        var (exitCode, output) = await VerifyFromCommandLineAsync(empty.ConnectionString);

        exitCode.ShouldBe(2, output);
        output.ShouldContain("未能完成");
    }

    [Fact]
    public async Task Defect18_auditor_page_shows_the_last_verification_and_verifies_on_demand()
    {
        await AcceptedCaseAsync();
        await AnchorAsync();
        using var auditor = await Notices.NoticeTestData.BrowserAsync(App, "auditor");

        var before = await auditor.GetStringAsync("/admin/audit");
        before.ShouldContain("立即核验");
        var token = Regex.Match(before, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using (var post = await auditor.PostAsync("/admin/audit", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token) })))
            post.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var after = await auditor.GetStringAsync("/admin/audit");
        after.ShouldContain("data-intact=\"true\"");
        after.ShouldContain("完整，未发现篡改");
        var run = await InDb(db => db.Set<AuditVerificationRun>().AsNoTracking().OrderByDescending(r => r.Id).FirstAsync());
        (run.Source, run.ActorName, run.Intact).ShouldBe((AuditVerificationRun.FromPage, "auditor", true));
        after.ShouldContain($"<dd id=\"verification-entries\">{run.Entries}</dd>");

        foreach (var who in new[] { "clerk", "monitor", "admin" })
        {
            using var other = await Notices.NoticeTestData.BrowserAsync(App, who);
            using var refused = await other.GetAsync("/admin/audit");
            refused.StatusCode.ShouldNotBe(HttpStatusCode.OK, $"only the audit administrator sees the auditor page, not {who} (三员分立)");
        }
    }

    private Task<(int ExitCode, string Output)> VerifyFromCommandLineAsync(string connectionString) =>
        AppProcess.RunAsync(["--verify-audit"], new()
        {
            ["Database__Provider"] = Provider.ToString(),
            ["ConnectionStrings__Default"] = connectionString,
            ["OneSeal__DataRoot"] = App.DataRoot,
            ["OneSeal__Mode"] = "Production",
        }, workingDirectory: App.DataRoot);

    private Task AnchorAsync() => InDb(db => AuditAnchoring.AnchorAsync(db, Keys, TimeProvider.System.Now(), CancellationToken.None));

    private AuditKeys Keys => App.Services.GetRequiredService<AuditKeys>();

    /// <summary>Puts a deleted entry back: same id, same values.</summary>
    private Task RestoreAsync(AuditEntry entry) => InDb(async db =>
    {
        db.Add(entry);
        await db.SaveChangesAsync();
    });

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
