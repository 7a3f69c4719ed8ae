using OneSeal.Cases;
using Case = OneSeal.Cases.Case;
using OneSeal.Cases.Rules;
using OneSeal.Platform.Http;

namespace OneSeal.Tests.Cases;

public class CaseTransitionsTests
{
    [Theory]
    [InlineData(CaseActions.Submitted, CaseStatus.Draft)]
    [InlineData(CaseActions.Submitted, CaseStatus.CorrectionRequested)]
    [InlineData(CaseActions.Accepted, CaseStatus.Submitted)]
    [InlineData(CaseActions.CorrectionRequested, CaseStatus.Submitted)]
    [InlineData(CaseActions.Refused, CaseStatus.Submitted)]
    [InlineData(CaseActions.Reviewed, CaseStatus.Accepted)]
    [InlineData(CaseActions.Approved, CaseStatus.Reviewed)]
    [InlineData(CaseActions.Denied, CaseStatus.Reviewed)]
    [InlineData(CaseActions.Delivered, CaseStatus.CertificateIssued)]
    public void The_path_allows_each_step_from_its_state(string action, CaseStatus from) =>
        CaseTransitions.IsAllowed(action, from).ShouldBeTrue();

    [Theory]
    [InlineData(CaseActions.Accepted, CaseStatus.Draft)]
    [InlineData(CaseActions.Reviewed, CaseStatus.Submitted)]
    [InlineData(CaseActions.Approved, CaseStatus.Accepted)]
    [InlineData(CaseActions.Accepted, CaseStatus.Refused)]
    [InlineData(CaseActions.Submitted, CaseStatus.Accepted)]
    [InlineData(CaseActions.MaterialUploaded, CaseStatus.Submitted)]
    [InlineData(CaseActions.Denied, CaseStatus.CertificateIssued)]
    public void A_step_out_of_order_is_a_conflict(string action, CaseStatus from)
    {
        var c = new Case { CaseNumber = "n", ItemCode = "i", ItemName = "i", ApplicantName = "a", FormJson = "{}", Status = from };
        Should.Throw<ConflictException>(() => CaseTransitions.Ensure(action, c)).StatusCode.ShouldBe(409);
    }

    [Fact]
    public void Terminal_states_allow_nothing_further()
    {
        foreach (var terminal in new[] { CaseStatus.Refused, CaseStatus.Denied, CaseStatus.Delivered })
        foreach (var action in new[] { CaseActions.Submitted, CaseActions.Accepted, CaseActions.Reviewed, CaseActions.Approved, CaseActions.Denied })
            CaseTransitions.IsAllowed(action, terminal).ShouldBeFalse($"{action} from {terminal}");
    }
}
