using OneSeal.Cases;
using Case = OneSeal.Cases.Case;
using OneSeal.Cases.Rules;
using OneSeal.Organisation;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;

namespace OneSeal.Tests.Cases;

public class SeparationOfDutiesTests
{
    private static readonly Guid Bureau = Guid.NewGuid();

    private static Actor Staff(string role) => new(Guid.NewGuid(), role, role, AccountKind.Staff, Bureau, new HashSet<string> { role });

    private static Case NewCase()
    {
        var c = new Case
        {
            Id = Guid.NewGuid(), CaseNumber = "QS20261123-00001", ItemCode = "X", ItemName = "X", ApplicantName = "张三", FormJson = "{}",
            HandlingOrganisationId = Bureau,
        };
        c.MoveTo(CaseStatus.Accepted);
        return c;
    }

    [Fact]
    public void Whoever_accepted_a_case_cannot_review_it()
    {
        var clerk = Staff(Roles.Reviewer);
        var c = NewCase();
        c.RecordAcceptance(clerk.Id, default, default);
        Should.Throw<ForbiddenException>(() => SeparationOfDuties.AcceptorCannotReview(c, clerk)).Rule.ShouldBe("separation-of-duties");
    }

    [Fact]
    public void Whoever_accepted_a_case_cannot_decide_it()
    {
        var chief = Staff(Roles.Chief);
        var c = NewCase();
        c.RecordAcceptance(chief.Id, default, default);
        Should.Throw<ForbiddenException>(() => SeparationOfDuties.AcceptorCannotDecide(c, chief));
    }

    [Fact]
    public void Whoever_reviewed_a_case_cannot_decide_it()
    {
        var chief = Staff(Roles.Chief);
        var c = NewCase();
        c.RecordReview(chief.Id, default, "意见", true);
        Should.Throw<ForbiddenException>(() => SeparationOfDuties.ReviewerCannotDecide(c, chief));
    }

    [Fact]
    public void Different_people_at_each_step_pass()
    {
        var c = NewCase();
        c.RecordAcceptance(Guid.NewGuid(), default, default);
        c.RecordReview(Guid.NewGuid(), default, "意见", true);
        var chief = Staff(Roles.Chief);
        SeparationOfDuties.AcceptorCannotDecide(c, chief);
        SeparationOfDuties.ReviewerCannotDecide(c, chief);
        SeparationOfDuties.AcceptorCannotReview(c, Staff(Roles.Reviewer));
    }

    [Fact]
    public void Staff_of_another_organisation_cannot_act_on_the_case()
    {
        var c = NewCase();
        var outsider = new Actor(Guid.NewGuid(), "x", "x", AccountKind.Staff, Guid.NewGuid(), new HashSet<string> { Roles.Clerk });
        Should.Throw<NotFoundException>(() => CaseAccess.EnsureStaff(outsider, c, Roles.Clerk));
    }

    [Fact]
    public void Staff_without_the_role_cannot_act_even_in_their_organisation()
    {
        var c = NewCase();
        var reviewer = Staff(Roles.Reviewer);
        Should.Throw<ForbiddenException>(() => CaseAccess.EnsureStaff(reviewer, c, Roles.Clerk)).Rule.ShouldBe("role");
    }

    [Fact]
    public void A_monitor_may_view_but_not_act()
    {
        var c = NewCase();
        var monitor = new Actor(Guid.NewGuid(), "m", "m", AccountKind.Staff, Guid.NewGuid(), new HashSet<string> { Roles.Monitor });
        CaseAccess.CanView(monitor, c).ShouldBeTrue();
        Should.Throw<ForbiddenException>(() => CaseAccess.EnsureStaff(monitor, c, Roles.Chief));
    }
}
