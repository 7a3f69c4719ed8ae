using OneSeal.Cases;
using OneSeal.Cases.Machine;
using OneSeal.Catalog;
using OneSeal.Organisation;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using Case = OneSeal.Cases.Case;

namespace OneSeal.Tests.Cases;

/// <summary>The case machine's table as data: its shape, who may act, guards by name, and the generated diagram in docs/.</summary>
public class CaseMachineTableTests
{
    private static readonly Guid Bureau = Guid.NewGuid();
    private static readonly DateOnly Today = new(2026, 3, 2);

    private static Actor Staff(params string[] roles) => new(Guid.NewGuid(), "s", "s", AccountKind.Staff, Bureau, roles.ToHashSet());

    private static Case CaseIn(CaseStatus status, Guid applicant = default)
    {
        var c = new Case
        {
            Id = Guid.NewGuid(), CaseNumber = "QS20260302-00001", ItemCode = "X", ItemName = "X", ApplicantName = "张三", FormJson = "{}",
            HandlingOrganisationId = Bureau, ApplicantAccountId = applicant,
        };
        c.MoveTo(status);
        return c;
    }

    [Fact]
    public void Every_action_has_one_party_and_one_set_of_roles()
    {
        // Issue 11: the window rows let the clerk act for the applicant, only on a case filed at a window.
        var window = CaseMachine.Table.Where(r => r.Guards.Contains(CaseGuards.FiledAtWindow)).ToList();
        window.ShouldAllBe(r => r.Party == Party.Staff && r.Roles.SequenceEqual(new[] { OneSeal.Organisation.Roles.Clerk }));
        foreach (var rows in CaseMachine.Table.Except(window).GroupBy(r => r.Action))
        {
            rows.Select(r => r.Party).Distinct().Count().ShouldBe(1, rows.Key.ToString());
            rows.Select(r => string.Join(",", r.Roles)).Distinct().Count().ShouldBe(1, rows.Key.ToString());
        }
        Enum.GetValues<CaseAction>().ShouldAllBe(a => CaseMachine.Table.Any(r => r.Action == a));
    }

    [Fact]
    public void Every_state_is_reachable_from_a_draft()
    {
        var reached = new HashSet<CaseStatus> { CaseStatus.Draft };
        while (CaseMachine.Table.Where(r => reached.Contains(r.From)).Select(r => r.To).Where(reached.Add).ToList().Count > 0) { }
        reached.ShouldBe(Enum.GetValues<CaseStatus>(), ignoreOrder: true);
    }

    [Fact]
    public void The_timeline_keeps_the_action_names_of_existing_rows()
    {
        CaseMachine.Table.Select(r => r.Event).Distinct().ShouldBeSubsetOf([
            CaseActions.MaterialUploaded, CaseActions.Committed, CaseActions.Submitted, CaseActions.Resubmitted, CaseActions.Accepted,
            CaseActions.DeemedAccepted, CaseActions.CorrectionRequested, CaseActions.Refused, CaseActions.Reviewed, CaseActions.CertificateIssued,
            CaseActions.Denied, CaseActions.Suspended, CaseActions.Resumed, CaseActions.Extended, CaseActions.Withdrawn, CaseActions.Terminated,
            CaseActions.Delivered,
            // issue 11 — the window chief's powers: new rows, new names
            CaseActions.PreReviewed, CaseActions.JointReviewRequested, CaseActions.Reassigned,
            // issue 13 — 撤销行政许可
            CaseActions.Revoked]);
    }

    [Fact]
    public void An_immediate_item_may_skip_review_any_other_is_refused_as_invalid_transition()
    {
        var c = CaseIn(CaseStatus.Accepted);
        var chief = Staff(Roles.Chief);
        CaseMachine.Ensure(c, CaseAction.Approve, chief, new CaseContext(Today) { ItemKind = ItemKind.Immediate }).To.ShouldBe(CaseStatus.CertificateIssued);
        Should.Throw<ConflictException>(() => CaseMachine.Ensure(c, CaseAction.Approve, chief, new CaseContext(Today) { ItemKind = ItemKind.Promised }))
            .Rule.ShouldBe("invalid-transition");
    }

    [Fact]
    public void No_result_before_tolerated_materials_are_supplied_but_a_denial_may_be()
    {
        var c = CaseIn(CaseStatus.Reviewed);
        var context = new CaseContext(Today) { Owed = [new OwedMaterial("M04", "卫生许可证明")] };
        var refusal = Should.Throw<ConflictException>(() => CaseMachine.Ensure(c, CaseAction.Approve, Staff(Roles.Chief), context));
        refusal.Rule.ShouldBe("tolerance-outstanding");
        refusal.Message.ShouldContain("卫生许可证明");
        CaseMachine.Ensure(c, CaseAction.Deny, Staff(Roles.Chief), context).To.ShouldBe(CaseStatus.Denied);
    }

    [Fact]
    public void Who_may_comes_before_the_state_and_a_person_cannot_take_a_system_action()
    {
        var c = CaseIn(CaseStatus.Reviewed);
        Should.Throw<ForbiddenException>(() => CaseMachine.Ensure(c, CaseAction.Approve, Staff(Roles.Reviewer), new CaseContext(Today))).Rule.ShouldBe("role");
        Should.Throw<ForbiddenException>(() => CaseMachine.Ensure(c, CaseAction.DeemApprove, Staff(Roles.Chief), new CaseContext(Today))).Rule.ShouldBe("system-only");
        var reviewer = Staff(Roles.Chief);
        c.RecordReview(reviewer.Id, default, "意见", true);
        Should.Throw<ForbiddenException>(() => CaseMachine.Ensure(c, CaseAction.Deny, reviewer, new CaseContext(Today))).Rule.ShouldBe("separation-of-duties");
        Should.Throw<ConflictException>(() => CaseMachine.Ensure(c, CaseAction.Approve, Staff(Roles.Chief), new CaseContext(Today), expectedVersion: c.Version - 1))
            .Rule.ShouldBe("stale-version");
    }

    [Fact]
    public void A_suspended_case_resumes_to_the_state_it_was_suspended_from()
    {
        var c = CaseIn(CaseStatus.Suspended);
        var reviewer = Staff(Roles.Reviewer);
        CaseMachine.Ensure(c, CaseAction.Resume, reviewer, new CaseContext(Today) { PausedFrom = CaseStatus.Reviewed }).To.ShouldBe(CaseStatus.Reviewed);
        CaseMachine.Ensure(c, CaseAction.Resume, reviewer, new CaseContext(Today) { PausedFrom = CaseStatus.Accepted }).To.ShouldBe(CaseStatus.Accepted);
        Should.Throw<ConflictException>(() => CaseMachine.Ensure(c, CaseAction.Resume, reviewer, new CaseContext(Today))).Rule.ShouldBe("stale-version");
    }

    [Fact]
    public void The_applicant_of_a_draft_may_upload_sign_submit_and_withdraw_and_nobody_else_anything()
    {
        var applicant = new Actor(Guid.NewGuid(), "a", "a", AccountKind.Citizen, null, new HashSet<string> { Roles.Applicant });
        var c = CaseIn(CaseStatus.Draft, applicant.Id);
        CaseMachine.Available(c, applicant, new CaseContext(Today))
            .ShouldBe([CaseAction.UploadMaterial, CaseAction.SignCommitment, CaseAction.Submit, CaseAction.Withdraw]);
        CaseMachine.Available(c, Staff(Roles.Clerk, Roles.Reviewer, Roles.Chief), new CaseContext(Today)).ShouldBeEmpty();
    }
}

/// <summary>docs/case-states.md is generated from the table; this fails when they differ.</summary>
public class CaseStatesDocTests
{
    [Fact]
    public void The_case_states_document_is_what_the_table_generates()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "OneSeal.slnx"))) root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("repository root not found");
        var path = Path.Combine(root, "docs", "case-states.md");
        var generated = CaseMachineDoc.Markdown();
        if (Environment.GetEnvironmentVariable("ONESEAL_WRITE_DOCS") == "1") File.WriteAllText(path, generated);
        (File.Exists(path) ? File.ReadAllText(path) : "").ShouldBe(generated,
            "docs/case-states.md differs from the case machine's table; regenerate it: ONESEAL_WRITE_DOCS=1 dotnet test tests/OneSeal.Tests --filter FullyQualifiedName~CaseStatesDocTests");
    }
}
