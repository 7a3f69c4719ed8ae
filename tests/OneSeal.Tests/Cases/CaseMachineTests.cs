using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneSeal.Cases;
using OneSeal.Cases.Commitments;
using OneSeal.Cases.Machine;
using OneSeal.Notices;
using OneSeal.Organisation;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Storage;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;
using OneSeal.Tests.Lifecycle;
using Case = OneSeal.Cases.Case;

namespace OneSeal.Tests.Cases;

/// <summary>
/// The case machine on a real database: every (action, from-state) pair of the table — allowed pairs succeed with an actor
/// who may, every other pair is a 409 naming <c>invalid-transition</c> and changes nothing — and document numbers stay
/// gapless when clerks and chiefs race on the same cases.
/// </summary>
public abstract partial class CaseMachineTests(OneSealFactory app) : LifecycleTestBase(app)
{
    private static readonly CaseStatus[] AllStates = Enum.GetValues<CaseStatus>();

    [Fact]
    public async Task Every_pair_of_the_table_succeeds_when_allowed_and_is_409_invalid_transition_otherwise()
    {
        var failures = new List<string>();
        // Refused pairs change nothing, so one case per state serves them all.
        var bases = new Dictionary<CaseStatus, Guid>();
        foreach (var state in AllStates) bases[state] = await CaseInAsync(state);
        foreach (var action in Enum.GetValues<CaseAction>())
        foreach (var from in AllStates)
        {
            var rows = CaseMachine.Table.Where(r => r.Action == action && r.From == from).ToList();
            try
            {
                if (rows.Count == 0) await ShouldRefuseAsync(action, bases[from]);
                else await ShouldApplyAsync(action, from, rows);
            }
            catch (Exception e) when (e is ShouldAssertException or DomainException or InvalidOperationException)
            {
                failures.Add($"{action} from {from}: {e.Message}");
            }
        }
        failures.ShouldBeEmpty(string.Join("\n", failures));
    }

    private async Task ShouldRefuseAsync(CaseAction action, Guid id)
    {
        var before = await FootprintAsync(id);
        if (action is CaseAction.DeliverOnDownload or CaseAction.TerminateForTolerance)
        {
            // Sweep- and download-driven: the command changes nothing when the machine says no, and the machine names the rule.
            await RunAsync(action, id);
            var actor = await ActorForAsync(action);
            var refusal = await InScopeAsync(async s =>
            {
                var db = s.GetRequiredService<OneSeal.Platform.Database.OneSealDb>();
                var c = await db.Set<Case>().AsNoTracking().SingleAsync(x => x.Id == id);
                var context = await s.GetRequiredService<CaseContexts>().ForAsync(c, ContextNeeds.All, default);
                return Should.Throw<ConflictException>(() => CaseMachine.Ensure(c, action, actor, context));
            });
            refusal.Rule.ShouldBe("invalid-transition");
        }
        else
        {
            var e = await Should.ThrowAsync<ConflictException>(() => RunAsync(action, id));
            e.Rule.ShouldBe("invalid-transition", e.Message);
        }
        (await FootprintAsync(id)).ShouldBe(before);
    }

    private async Task ShouldApplyAsync(CaseAction action, CaseStatus from, List<Transition> rows)
    {
        var id = await CaseInAsync(from, ItemFor(action, from));
        await PrepareAsync(action, id);
        var eventsBefore = (await FootprintAsync(id)).Events;
        await RunAsync(action, id);
        var (status, events, notices) = await InDb(async db => (
            (await db.Set<Case>().AsNoTracking().SingleAsync(c => c.Id == id)).Status,
            await db.Set<CaseEvent>().AsNoTracking().Where(e => e.CaseId == id && e.Id > 0).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync(),
            await db.Set<CaseNotice>().AsNoTracking().Where(n => n.CaseId == id).Select(n => n.Kind).ToListAsync()));
        // The window rows (the clerk for a walk-in) are walked in CaseMachineTests.Window.cs.
        var row = rows.Where(r => !r.Guards.Contains(CaseGuards.FiledAtWindow)).SingleOrDefault(r => r.To == status);
        row.ShouldNotBeNull($"ended in {status}, the table says {string.Join(" or ", rows.Select(r => r.To))}");
        events.Count.ShouldBeGreaterThan(eventsBefore);
        events[^1].ShouldBe(row.Event);
        if (row.Notice is { } kind) notices.ShouldContain(kind);
    }

    // ------------------------------------------------------------------ actions as the party the table names

    private async Task<Actor> ActorForAsync(CaseAction action) => action switch
    {
        CaseAction.Accept or CaseAction.RequestCorrection or CaseAction.Refuse or CaseAction.Deliver => await ActorAsync("clerk"),
        CaseAction.Review or CaseAction.Suspend or CaseAction.Resume => await ActorAsync("reviewer"),
        CaseAction.Approve or CaseAction.Deny or CaseAction.Extend or CaseAction.Terminate or CaseAction.Revoke => await ActorAsync("chief"),
        CaseAction.DeemAccept or CaseAction.DeemApprove or CaseAction.TerminateForTolerance => SystemActor.Instance,
        // issue 11 — the window chief's powers (winchief holds every grant in demo mode)
        CaseAction.ApproveAtWindow or CaseAction.DenyAtWindow or CaseAction.PreReview or CaseAction.JointReview or CaseAction.Reassign => await ActorAsync("winchief"),
        _ => await ActorAsync("applicant"),
    };

    private async Task RunAsync(CaseAction action, Guid id)
    {
        var actor = await ActorForAsync(action);
        var today = DateOnly.FromDateTime(Clock.GetLocalNow().DateTime);
        await InScopeAsync(async s =>
        {
            var cases = s.GetRequiredService<CaseCommands>();
            var chief = s.GetRequiredService<OneSeal.Cases.WindowChief.WindowChiefCommands>();
            if (action is CaseAction.ApproveAtWindow or CaseAction.DenyAtWindow)
                await s.GetRequiredService<OneSeal.Hall.Seats.WindowSeats>().SignInAsync(actor,
                    await InDb(db => db.Set<OneSeal.Hall.Window>().Where(w => w.Number == "A01").Select(w => w.Id).SingleAsync()), default);
            var department = await InDb(db => db.Set<Agency>().Where(a => a.Code == "SCJGJ").Select(a => a.Id).SingleAsync());
            var status = await InDb(db => db.Set<Case>().Where(c => c.Id == id).Select(c => c.Status).SingleAsync());
            var assignee = await AccountIdAsync(status switch { CaseStatus.Submitted => "clerk2", CaseStatus.Reviewed => "chief", _ => "reviewer" });
            var running = await InDb(db => db.Set<Case>().Where(c => c.Id == id).Select(c => c.AcceptedOn != null).SingleAsync());
            Task work = action switch
            {
                CaseAction.UploadMaterial => cases.UploadMaterialAsync(actor, id, running ? "M04" : "M01", "m.pdf", new MemoryStream(SampleFiles.Pdf()), SampleFiles.Pdf().Length, default),
                CaseAction.SignCommitment => cases.CommitAsync(actor, id, "tolerance", "本人承诺按期补交。", ["M04"], today.AddDays(10), null, default),
                CaseAction.Submit => cases.SubmitAsync(actor, id, null, default),
                CaseAction.Accept => cases.AcceptAsync(actor, id, null, default),
                CaseAction.DeemAccept => cases.AcceptAsDeemedAsync(id, default),
                CaseAction.RequestCorrection => cases.RequestCorrectionAsync(actor, id, ["M01"], null, null, default),
                CaseAction.Refuse => cases.RefuseAsync(actor, id, "不符合受理条件。", null, default),
                CaseAction.Review => cases.ReviewAsync(actor, id, "材料齐全。", "approve", null, default),
                CaseAction.Approve => cases.DecideAsync(actor, id, true, null, null, default),
                CaseAction.Deny => cases.DecideAsync(actor, id, false, "不符合法定条件。", null, default),
                CaseAction.DeemApprove => cases.ApproveAsDeemedAsync(id, default),
                CaseAction.Suspend => cases.SuspendAsync(actor, id, "inspection", "需要检测。", 5, null, default),
                CaseAction.Resume => cases.ResumeAsync(actor, id, null, default),
                CaseAction.Extend => cases.ExtendAsync(actor, id, "情况复杂。", null, default),
                CaseAction.Withdraw => cases.WithdrawAsync(actor, id, "不再需要。", null, default),
                CaseAction.Terminate => cases.TerminateAsync(actor, id, "申请人已注销。", null, default),
                CaseAction.TerminateForTolerance => cases.EnforceToleranceAsync(id, default),
                CaseAction.Deliver => cases.DeliverAsync(actor, id, "pickup", null, null, default),
                CaseAction.DeliverOnDownload => cases.MarkDeliveredAsync(actor, id, "电子送达：申请人下载电子证照", default),
                CaseAction.ApproveAtWindow => chief.DecideAsync(actor, id, true, null, null, default),
                CaseAction.DenyAtWindow => chief.DecideAsync(actor, id, false, "不符合法定条件。", null, default),
                CaseAction.PreReview => chief.PreReviewAsync(actor, id, ["补充经营场所证明。"], null, null, default),
                CaseAction.JointReview => chief.RequestJointReviewAsync(actor, id, [department.ToString()], 3, null, null, default),
                CaseAction.Reassign => chief.ReassignAsync(actor, id, assignee.ToString(), "分流办理。", null, default),
                // issue 13 — 撤销行政许可
                CaseAction.Revoke => cases.RevokeAsync(actor, id, "告知承诺核查不属实。", null, default),
                _ => throw new InvalidOperationException($"no command for {action}"),
            };
            await work;
            return true;
        });
    }

    /// <summary>Guards of allowed rows, made to hold through the data (what the sweep or the applicant would have done).</summary>
    private async Task PrepareAsync(CaseAction action, Guid id)
    {
        var now = Clock.GetUtcNow();
        var today = DateOnly.FromDateTime(Clock.GetLocalNow().DateTime);
        switch (action)
        {
            case CaseAction.DeemAccept:
                await InDb(db => db.Set<Case>().Where(c => c.Id == id).ExecuteUpdateAsync(u => u.SetProperty(c => c.SubmittedAt, now.AddDays(-20))));
                break;
            case CaseAction.DeemApprove:
                await InDb(db => db.Set<Case>().Where(c => c.Id == id).ExecuteUpdateAsync(u => u.SetProperty(c => c.DueDate, today.AddDays(-1))));
                break;
            case CaseAction.UploadMaterial or CaseAction.TerminateForTolerance when await IsRunningAsync(id):
                var supplyBy = action == CaseAction.UploadMaterial ? today.AddDays(10) : today.AddDays(-30);
                await InDb(async db =>
                {
                    db.Add(new CaseCommitment
                    {
                        Id = Guid.NewGuid(), CaseId = id, Kind = CommitmentKind.Tolerance, Text = "承诺补交。", MaterialsJson = "[\"M04\"]",
                        // Signed after the materials of the application were uploaded (the fake clock stands still): M04 is owed.
                        SupplyBy = supplyBy, SignedAt = now.AddSeconds(1), SignedById = await AccountIdAsync("applicant"),
                    });
                    await db.SaveChangesAsync();
                });
                break;
            case CaseAction.Submit when await StatusAsync(id) == CaseStatus.CorrectionRequested:
                await RunAsync(CaseAction.UploadMaterial, id);
                break;
            case CaseAction.Submit:
                await UploadRequiredAsync(await Signed("applicant"), id, Demo.FoodLicence);
                break;
        }
    }

    private Task<bool> IsRunningAsync(Guid id) => InDb(db => db.Set<Case>().Where(c => c.Id == id).Select(c => c.AcceptedOn != null).SingleAsync());

    private Task<CaseStatus> StatusAsync(Guid id) => InDb(db => db.Set<Case>().Where(c => c.Id == id).Select(c => c.Status).SingleAsync());

    /// <summary>即办件 may be decided straight after acceptance; 超时默认 is the deemed-approval item's setting.</summary>
    private static string ItemFor(CaseAction action, CaseStatus from) => (action, from) switch
    {
        (CaseAction.Approve or CaseAction.Deny or CaseAction.ApproveAtWindow or CaseAction.DenyAtWindow, CaseStatus.Accepted) => Demo.SoleTrader,
        (CaseAction.DeemApprove, _) => Items.DeemedApproval5,
        _ => Demo.FoodLicence,
    };

    // ------------------------------------------------------------------ a case in each state, through the commands

    private async Task<Guid> CaseInAsync(CaseStatus state, string itemCode = Demo.FoodLicence)
    {
        if (state == CaseStatus.Draft)
        {
            var applicant = await Signed("applicant");
            var guide = await GuideAsync(applicant, itemCode);
            return (await CreateCaseAsync(applicant, itemCode, FormFor(guide))).Id;
        }
        var (previous, step) = state switch
        {
            CaseStatus.Submitted => (CaseStatus.Draft, CaseAction.Submit),
            CaseStatus.CorrectionRequested => (CaseStatus.Submitted, CaseAction.RequestCorrection),
            CaseStatus.Refused => (CaseStatus.Submitted, CaseAction.Refuse),
            CaseStatus.Withdrawn => (CaseStatus.Submitted, CaseAction.Withdraw),
            CaseStatus.Accepted => (CaseStatus.Submitted, CaseAction.Accept),
            CaseStatus.Reviewed => (CaseStatus.Accepted, CaseAction.Review),
            CaseStatus.Suspended => (CaseStatus.Accepted, CaseAction.Suspend),
            CaseStatus.Terminated => (CaseStatus.Accepted, CaseAction.Terminate),
            CaseStatus.CertificateIssued => (CaseStatus.Reviewed, CaseAction.Approve),
            CaseStatus.Denied => (CaseStatus.Reviewed, CaseAction.Deny),
            CaseStatus.Delivered => (CaseStatus.CertificateIssued, CaseAction.Deliver),
            CaseStatus.Revoked => (CaseStatus.CertificateIssued, CaseAction.Revoke),
            _ => throw new InvalidOperationException($"no path to {state}"),
        };
        var id = await CaseInAsync(previous, itemCode);
        if (step == CaseAction.Submit) await UploadRequiredAsync(await Signed("applicant"), id, itemCode);
        await RunAsync(step, id);
        (await StatusAsync(id)).ShouldBe(state);
        return id;
    }

    private Task<Actor> ActorAsync(string username) => InDb(async db =>
    {
        var a = await db.Set<Account>().AsNoTracking().Include(x => x.Roles).SingleAsync(x => x.Username == username);
        return new Actor(a.Id, a.Username, a.DisplayName, a.Kind, a.OrganisationId, a.Roles.Select(r => r.Role).ToHashSet());
    });

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }
}

/// <summary>Racing commands never leave a hole in a numbered register, and the pages and API offer what the machine allows.</summary>
public abstract partial class CaseMachineTests
{
    [Fact]
    public async Task Clerks_racing_on_the_same_cases_leave_one_notice_each_and_no_hole_in_the_registers()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 8; i++) ids.Add(await SubmitItemAsync(Items.Promised3));
        var clerk = await Signed("clerk");
        var clerk2 = await Signed("clerk2");

        var responses = await Task.WhenAll(ids.SelectMany(id => new[]
        {
            ActAsync(clerk, id, "accept"),
            ActAsync(clerk2, id, "request-correction", new { missing = new[] { "M01" } }),
        }));

        try
        {
            foreach (var pair in responses.Chunk(2))
                pair.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1, string.Join(" | ", pair.Select(r => r.StatusCode)));
            (await InDb(db => db.Set<CaseNotice>().Where(n => ids.Contains(n.CaseId)).GroupBy(n => n.CaseId).Select(g => g.Count()).ToListAsync()))
                .ShouldBe(Enumerable.Repeat(1, ids.Count));
        }
        finally
        {
            foreach (var r in responses) r.Dispose();
        }
        await RegistersShouldBeGaplessAsync();
    }

    [Fact]
    public async Task Racing_decisions_issue_one_certificate_per_case_and_no_hole_in_the_certificate_register()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            var id = await AcceptItemAsync(Items.Promised3);
            await ReviewAsync(id);
            ids.Add(id);
        }
        var chief = await Signed("chief");
        var responses = await Task.WhenAll(ids.SelectMany(id => new[]
        {
            ActAsync(chief, id, "decide", new { approve = true }),
            ActAsync(chief, id, "decide", new { approve = true }),
        }));
        foreach (var r in responses) r.Dispose();

        (await InDb(db => db.Set<OneSeal.Seal.Certificate>().Where(c => ids.Contains(c.CaseId)).GroupBy(c => c.CaseId).Select(g => g.Count()).ToListAsync()))
            .ShouldBe(Enumerable.Repeat(1, ids.Count));
        await RegistersShouldBeGaplessAsync();
        await CertificateNumbersShownEverywhereAsync(ids);
    }

    /// <summary>
    /// The certificate's number is taken at commit and replaces a placeholder wherever the decision wrote it: the case, the
    /// timeline line, the approval notice's fields and the events all show the certificate's real number, none the placeholder.
    /// </summary>
    private async Task CertificateNumbersShownEverywhereAsync(IReadOnlyCollection<Guid> ids)
    {
        foreach (var id in ids)
        {
            var number = await InDb(db => db.Set<OneSeal.Seal.Certificate>().Where(c => c.CaseId == id).Select(c => c.Number).SingleAsync());
            number.ShouldMatch(@"^[A-Z]+20\d\d-\d{6}$");
            (await InDb(db => db.Set<Case>().Where(c => c.Id == id).Select(c => c.CertificateNumber).SingleAsync())).ShouldBe(number);
            var notes = await InDb(db => db.Set<CaseEvent>().Where(e => e.CaseId == id).Select(e => e.Note).ToListAsync());
            notes.ShouldContain($"证照编号 {number}");
            var approval = await InDb(db => db.Set<CaseNotice>().Where(n => n.CaseId == id && n.Kind == NoticeKind.Approval).Select(n => n.FieldsJson).SingleAsync());
            approval.ShouldContain(number);
            var events = await InDb(db => db.Set<OneSeal.Platform.Events.EventRecord>().Where(e => e.Data.Contains(number)).Select(e => new { e.Type, e.Subject }).ToListAsync());
            events.Select(e => e.Type).ShouldBe(["case.decided", "certificate.issued"], ignoreOrder: true);
            events.Single(e => e.Type == "certificate.issued").Subject.ShouldBe(number);
            notes.Concat([approval]).ShouldAllBe(text => text == null || !text.Contains('~'));
        }
        (await InDb(db => db.Set<OneSeal.Platform.Events.EventRecord>().AnyAsync(e => e.Subject.StartsWith("~") || e.Data.Contains("\"~")))).ShouldBeFalse();
    }

    /// <summary>Every register of this database (notices per kind and year, certificates per year) holds exactly 1..N.</summary>
    private async Task RegistersShouldBeGaplessAsync()
    {
        var notices = await InDb(db => db.Set<CaseNotice>().AsNoTracking().Select(n => new { n.Kind, n.Number }).ToListAsync());
        var certificates = await InDb(db => db.Set<OneSeal.Seal.Certificate>().AsNoTracking().Select(c => c.Number).ToListAsync());
        var registers = notices.Select(n => (Register: $"{n.Kind} {Year(n.Number)}", Seq: Sequence(n.Number)))
            .Concat(certificates.Select(c => (Register: $"certificate {Year(c)}", Seq: Sequence(c))));
        foreach (var register in registers.GroupBy(x => x.Register))
            register.Select(x => x.Seq).Order().ShouldBe(Enumerable.Range(1, register.Count()).Select(n => (long)n), $"register {register.Key}");
    }

    private static long Sequence(string number) => long.Parse(TrailingDigits().Match(number).Groups[1].Value);
    private static string Year(string number) => YearDigits().Match(number).Value;

    [GeneratedRegex(@"(\d{6})号?$")]
    private static partial Regex TrailingDigits();

    [GeneratedRegex(@"20\d\d")]
    private static partial Regex YearDigits();

    [Fact]
    public async Task The_chief_is_offered_the_decision_on_an_accepted_immediate_item_and_the_api_lists_it()
    {
        var id = await AcceptItemAsync(Demo.SoleTrader);
        var chief = await Signed("chief");

        using var queue = await chief.GetAsync("/api/v1/cases?scope=decision");
        (await queue.Content.ReadAsStringAsync()).ShouldContain(id.ToString());
        (await AvailableAsync(chief, id)).ShouldBe(["approve", "deny", "suspend", "extend", "terminate"]);
        (await AvailableAsync(await Signed("clerk"), id)).ShouldBeEmpty();
        // A promised item waits for its review: not in the decision queue, no decision offered.
        var promised = await AcceptItemAsync(Items.Promised3);
        using var queue2 = await chief.GetAsync("/api/v1/cases?scope=decision");
        (await queue2.Content.ReadAsStringAsync()).ShouldNotContain(promised.ToString());
        (await AvailableAsync(chief, promised)).ShouldNotContain("approve");
    }

    private static async Task<List<string>> AvailableAsync(HttpClient client, Guid id)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync($"/api/v1/cases/{id}"));
        return doc.RootElement.GetProperty("availableActions").EnumerateArray().Select(a => a.GetString()!).ToList();
    }

    [Fact]
    public async Task An_upload_whose_transaction_failed_leaves_no_file_and_the_sweep_removes_an_orphan()
    {
        var id = await SubmitItemAsync(Items.Promised3);
        var folder = Path.Combine(App.DataRoot, "files", "cases", id.ToString("N"));
        var before = Directory.GetFiles(folder).Length;

        // A refused upload writes no file: the machine is asked before the file is stored.
        using (var refused = await UploadAsync(await Signed("applicant"), id, "M01", "m.pdf", SampleFiles.Pdf()))
            refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        Directory.GetFiles(folder).Length.ShouldBe(before);

        // A crash between the file and the commit leaves a file no row names: the orphan sweep deletes it once it is old.
        await InScopeAsync(async s =>
        {
            var files = s.GetRequiredService<IFileStore>();
            var orphan = await files.SaveAsync($"cases/{id:N}", new MemoryStream(SampleFiles.Pdf()), default);
            var path = Path.Combine(App.DataRoot, "files", orphan.Key);
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddHours(-2));
            var kept = Directory.GetFiles(folder).First(f => f != path);
            File.SetLastWriteTimeUtc(kept, DateTime.UtcNow.AddHours(-2));

            var deleted = await s.GetRequiredService<OrphanFileSweep>().RunOnceAsync(default);

            deleted.ShouldContain(orphan.Key);
            File.Exists(path).ShouldBeFalse();
            File.Exists(kept).ShouldBeTrue("a material's file is named by its row");
            return true;
        });
    }
}

/// <summary>An upload's file is written before its transaction; when that transaction then fails, the file goes with it.</summary>
public abstract partial class CaseMachineTests
{
    [Fact]
    public async Task An_upload_whose_transaction_fails_after_the_file_was_written_deletes_the_file()
    {
        var id = await CaseInAsync(CaseStatus.Draft);
        var code = (await GuideAsync(await Signed("applicant"), Demo.FoodLicence)).Materials.First(m => m.Required).Code;
        var folder = Path.Combine(App.DataRoot, "files", "cases", id.ToString("N"));
        int FilesNow() => Directory.Exists(folder) ? Directory.GetFiles(folder).Length : 0;
        var before = FilesNow();
        var applicant = await ActorAsync("applicant");

        // The applicant withdraws the draft while the file is being stored: the check before the file passed, the one
        // in the transaction refuses, and the file already written must not stay behind.
        var written = -1;
        var content = new EndOfStreamStream(SampleFiles.Pdf(), async () =>
        {
            await InScopeAsync(s => s.GetRequiredService<CaseCommands>().WithdrawAsync(applicant, id, "另行申请", null, default));
            written = FilesNow();
        });
        var refusal = await InScopeAsync(s => Should.ThrowAsync<ConflictException>(() => s.GetRequiredService<CaseCommands>()
            .UploadMaterialAsync(applicant, id, code, "m.pdf", content, content.Length, default)));

        refusal.Rule.ShouldBe("invalid-transition");
        written.ShouldBe(before + 1, "the file was on disk when the transaction opened");
        FilesNow().ShouldBe(before);
        (await InDb(db => db.Set<CaseMaterial>().CountAsync(m => m.CaseId == id))).ShouldBe(0);
        (await StatusAsync(id)).ShouldBe(CaseStatus.Withdrawn);
    }

    /// <summary>A file's content that runs <paramref name="atEnd"/> once, when the reader reaches its end (the file store has it all).</summary>
    private sealed class EndOfStreamStream(byte[] bytes, Func<Task> atEnd) : MemoryStream(bytes)
    {
        private bool _ended;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await base.ReadAsync(buffer, cancellationToken);
            if (read == 0 && !_ended)
            {
                _ended = true;
                await atEnd();
            }
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}

[Trait("Provider", "Sqlite")]
public sealed class CaseMachineTests_Sqlite(ClockedSqliteApp<OrdinaryMonday> app) : CaseMachineTests(app), IClassFixture<ClockedSqliteApp<OrdinaryMonday>>;

[Trait("Provider", "Postgres")]
public sealed class CaseMachineTests_Postgres(ClockedPostgresApp<OrdinaryMonday> app) : CaseMachineTests(app), IClassFixture<ClockedPostgresApp<OrdinaryMonday>>;
