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
    /// <summary>Two sections (科室) of the bureau.</summary>
    private static readonly Guid Market = Guid.NewGuid(), Building = Guid.NewGuid();

    private const string County = "360999000000", Township = "360999101000", Village = "360999101201", OtherCounty = "360888000000";

    private static Actor SignedIn(Guid organisation, params (string Role, DataScope Scope)[] roles) => SignedInAt(organisation, County, roles);

    private static Actor SignedInAt(Guid organisation, string regionCode, params (string Role, DataScope Scope)[] roles)
    {
        var account = new Account { Id = Guid.NewGuid(), Username = "x", DisplayName = "x", PasswordHash = "", Kind = AccountKind.Staff, OrganisationId = organisation };
        account.SetRoles(roles);
        return Actor.From(AccountPrincipal.Of(account, "test", regionCode: regionCode))!;
    }

    /// <summary>Placed in a section of the bureau: the sign-in resolves the bureau as work unit and the section as the account's section.</summary>
    private static Actor InSection(Guid section, params (string Role, DataScope Scope)[] roles)
    {
        var account = new Account { Id = Guid.NewGuid(), Username = "x", DisplayName = "x", PasswordHash = "", Kind = AccountKind.Staff, OrganisationId = section };
        account.SetRoles(roles);
        return Actor.From(AccountPrincipal.Of(account, "test", workUnitId: Bureau, regionCode: County, sectionId: section))!;
    }

    private static Case BureauCase(string? regionCode = County, Guid? section = null) => HandledBy(Bureau, regionCode, section);

    private static Case HandledBy(Guid organisation, string? regionCode, Guid? section) => new()
    {
        Id = Guid.NewGuid(), CaseNumber = "QS20261207-00001", ItemCode = "X", ItemName = "X", ApplicantName = "张三", FormJson = "{}", HandlingOrganisationId = organisation,
        HandlingRegionCode = regionCode, HandlingSectionId = section,
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
    public void Section_scope_held_in_a_section_reaches_only_the_cases_that_section_handles()
    {
        var reviewer = InSection(Market, (Roles.Reviewer, DataScope.Section));
        reviewer.SectionId.ShouldBe(Market, "the section travels in the claims");
        CaseAccess.CanView(reviewer, BureauCase(section: Market)).ShouldBeTrue();
        CaseAccess.EnsureStaff(reviewer, BureauCase(section: Market), Roles.Reviewer);
        CaseAccess.CanView(reviewer, BureauCase(section: Building)).ShouldBeFalse();
        Should.Throw<NotFoundException>(() => CaseAccess.EnsureStaff(reviewer, BureauCase(section: Building), Roles.Reviewer));
        CaseAccess.CanView(reviewer, BureauCase()).ShouldBeFalse("a case whose version names no section is the organisation's, not the section's");
        // The scope is the role's: organisation scope held by the same person reaches every section's case of the bureau.
        var both = InSection(Market, (Roles.Reviewer, DataScope.Section), (Roles.Clerk, DataScope.Organisation));
        CaseAccess.CanView(both, BureauCase(section: Building)).ShouldBeTrue();
        Should.Throw<ForbiddenException>(() => CaseAccess.EnsureStaff(both, BureauCase(section: Building), Roles.Reviewer)).Rule.ShouldBe("data-scope");
    }

    [Fact]
    public void Section_scope_held_in_the_bureau_itself_reaches_the_own_organisation()
    {
        var c = BureauCase(section: Building);
        CaseAccess.CanView(SignedIn(Bureau, (Roles.Clerk, DataScope.Section)), c).ShouldBeTrue();
        CaseAccess.CanView(SignedIn(Department, (Roles.Clerk, DataScope.Section)), c).ShouldBeFalse();
    }

    [Fact]
    public void Queues_and_search_filter_by_the_same_rule_as_the_single_case_check()
    {
        Case[] cases =
        [
            BureauCase(section: Market), BureauCase(section: Building), BureauCase(), BureauCase(null),
            HandledBy(Department, Township, null), HandledBy(Department, OtherCounty, null), HandledBy(Department, County, Market),
        ];
        Actor[] actors =
        [
            InSection(Market, (Roles.Reviewer, DataScope.Section)),
            InSection(Market, (Roles.Reviewer, DataScope.Section), (Roles.Clerk, DataScope.Organisation)),
            InSection(Market, (Roles.Reviewer, DataScope.Section), (Roles.Chief, DataScope.Region)),
            SignedIn(Bureau, (Roles.Reviewer, DataScope.Section)),
            SignedIn(Department, (Roles.Reviewer, DataScope.Organisation)),
            SignedIn(Department, (Roles.Clerk, DataScope.Region)),
            SignedIn(Department, (Roles.Clerk, DataScope.All)),
        ];
        foreach (var actor in actors)
        {
            var listed = CaseAccess.HandledWithinReach(actor, Roles.CaseHandling).Compile();
            foreach (var c in cases)
                listed(c).ShouldBe(CaseAccess.CanView(actor, c),
                    $"{string.Join("+", actor.Scopes.Select(s => $"{s.Key}:{s.Value}"))} in {actor.OrganisationId}, case of {c.HandlingOrganisationId}/{c.HandlingSectionId}/{c.HandlingRegionCode}");
        }
    }

    [Theory]
    [InlineData(County, County, true)]
    [InlineData(County, Township, true)]
    [InlineData(County, Village, true)]
    [InlineData(Township, Village, true)]
    [InlineData(Township, County, false)]
    [InlineData(Township, "360999102000", false)]
    [InlineData(Village, Township, false)]
    [InlineData(County, OtherCounty, false)]
    [InlineData("360999", Township, true)]
    public void Region_reaches_cases_handled_in_the_staff_region_and_the_regions_under_it(string staffRegion, string caseRegion, bool reaches)
    {
        var c = BureauCase(caseRegion);
        CaseAccess.CanView(SignedInAt(Department, staffRegion, (Roles.Reviewer, DataScope.Region)), c).ShouldBe(reaches);
        // The same person with organisation scope reaches only their own organisation's cases, wherever they are.
        CaseAccess.CanView(SignedInAt(Department, staffRegion, (Roles.Reviewer, DataScope.Organisation)), c).ShouldBeFalse();
    }

    [Fact]
    public void Region_scope_acts_on_the_case_and_a_case_without_a_region_stays_out_of_reach()
    {
        var regional = SignedInAt(Department, County, (Roles.Clerk, DataScope.Region));
        CaseAccess.EnsureStaff(regional, BureauCase(Township), Roles.Clerk);
        CaseAccess.CanView(regional, BureauCase(null)).ShouldBeFalse();
        CaseAccess.CanView(SignedIn(Bureau, (Roles.Clerk, DataScope.Region)), BureauCase(null)).ShouldBeTrue("the own organisation stays in reach");
    }

    [Theory]
    [InlineData("all", DataScope.All)]
    [InlineData("Organisation", DataScope.Organisation)]
    [InlineData(null, DataScope.Organisation)]
    [InlineData("3", null)]
    [InlineData("galaxy", null)]
    public void Scope_names_in_the_API(string? name, DataScope? expected) => StaffFields.ParseScope(name).ShouldBe(expected);
}
