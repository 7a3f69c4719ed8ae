using OneSeal.Cases.Rules;
using OneSeal.Organisation;
using OneSeal.Organisation.Accounts;
using OneSeal.Organisation.Staff;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using Case = OneSeal.Cases.Case;

namespace OneSeal.Tests.Organisation.Staff;

/// <summary>Each role's data scope travels in the claims and decides which organisations' cases the role reaches.</summary>
public sealed class DataReachTests
{
    private static readonly Guid Bureau = Guid.NewGuid(), Department = Guid.NewGuid();

    private static Actor SignedIn(Guid organisation, params (string Role, DataScope Scope)[] roles)
    {
        var account = new Account { Id = Guid.NewGuid(), Username = "x", DisplayName = "x", PasswordHash = "", Kind = AccountKind.Staff, OrganisationId = organisation };
        account.SetRoles(roles);
        return Actor.From(AccountPrincipal.Of(account, "test"))!;
    }

    private static Case BureauCase() => new()
    {
        Id = Guid.NewGuid(), CaseNumber = "QS20261207-00001", ItemCode = "X", ItemName = "X", ApplicantName = "张三", FormJson = "{}", HandlingOrganisationId = Bureau,
    };

    [Fact]
    public void Scopes_survive_the_round_trip_through_the_claims()
    {
        var actor = SignedIn(Department, (Roles.Clerk, DataScope.Organisation), (Roles.Reviewer, DataScope.All));
        actor.ScopeOf(Roles.Clerk).ShouldBe(DataScope.Organisation);
        actor.ScopeOf(Roles.Reviewer).ShouldBe(DataScope.All);
        actor.ScopeOf(Roles.Chief).ShouldBe(DataScope.Organisation, "a role without a scope claim reaches its organisation");
    }

    [Fact]
    public void Organisation_scope_reaches_only_the_own_organisation_and_All_reaches_every_one()
    {
        var c = BureauCase();
        var own = SignedIn(Department, (Roles.Reviewer, DataScope.Organisation));
        CaseAccess.CanView(own, c).ShouldBeFalse();
        Should.Throw<NotFoundException>(() => CaseAccess.EnsureStaff(own, c, Roles.Reviewer));

        var all = SignedIn(Department, (Roles.Reviewer, DataScope.All), (Roles.Clerk, DataScope.Organisation));
        CaseAccess.CanView(all, c).ShouldBeTrue();
        CaseAccess.EnsureStaff(all, c, Roles.Reviewer);
        Should.Throw<ForbiddenException>(() => CaseAccess.EnsureStaff(all, c, Roles.Clerk)).Rule.ShouldBe("data-scope", "the scope is the role's, not the person's");
    }

    [Fact]
    public void Section_and_region_reach_the_own_organisation_until_cases_record_them()
    {
        var c = BureauCase();
        CaseAccess.CanView(SignedIn(Bureau, (Roles.Clerk, DataScope.Section)), c).ShouldBeTrue();
        CaseAccess.CanView(SignedIn(Department, (Roles.Clerk, DataScope.Region)), c).ShouldBeFalse();
    }

    [Theory]
    [InlineData("all", DataScope.All)]
    [InlineData("Organisation", DataScope.Organisation)]
    [InlineData(null, DataScope.Organisation)]
    [InlineData("3", null)]
    [InlineData("galaxy", null)]
    public void Scope_names_in_the_API(string? name, DataScope? expected) => StaffFields.ParseScope(name).ShouldBe(expected);
}
