using OneSeal.Cases;
using OneSeal.Cases.Machine;
using OneSeal.Platform.Events;

namespace OneSeal.Tests.Exchange;

/// <summary>Every row of the case machine either tells other systems its contract event or is one they are not told of; every case.* type has a row.</summary>
public sealed class CaseMachineEventTests
{
    private static readonly CaseAction[] Silent =
    [
        CaseAction.UploadMaterial, CaseAction.SignCommitment, CaseAction.Review, CaseAction.Withdraw, CaseAction.Terminate,
        CaseAction.TerminateForTolerance, CaseAction.PreReview, CaseAction.JointReview, CaseAction.Reassign,
    ];

    [Fact]
    public void Each_row_maps_to_its_event_and_every_case_event_type_is_produced()
    {
        foreach (var row in CaseMachine.Table)
        {
            var e = CaseCommands.ExchangeEventOf(row);
            if (Silent.Contains(row.Action)) e.ShouldBeNull($"{row.Action} from {row.From}");
            else e.ShouldNotBeNull($"{row.Action} from {row.From} tells other systems nothing");
        }
        var produced = CaseMachine.Table.Select(CaseCommands.ExchangeEventOf).Where(e => e is not null).Select(e => e!.Value.Type).ToHashSet();
        produced.ShouldBe(EventTypes.All.Where(t => t.StartsWith("case.", StringComparison.Ordinal)).ToHashSet(), ignoreOrder: true);
    }

    [Theory]
    [InlineData(CaseAction.Approve, "approved")]
    [InlineData(CaseAction.DeemApprove, "approved")]
    [InlineData(CaseAction.ApproveAtWindow, "approved")]
    [InlineData(CaseAction.Deny, "refused")]
    [InlineData(CaseAction.DenyAtWindow, "refused")]
    [InlineData(CaseAction.Revoke, "revoked")]
    public void A_decision_is_case_decided_with_its_outcome_as_action(CaseAction action, string outcome)
    {
        foreach (var row in CaseMachine.Table.Where(r => r.Action == action))
            CaseCommands.ExchangeEventOf(row).ShouldBe((EventTypes.CaseDecided, outcome));
    }
}
