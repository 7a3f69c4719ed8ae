using OneSeal.Cases;
using OneSeal.Cases.Api;

namespace OneSeal.Pages;

/// <summary>Model of the "办结期限说明" section: the case and <see cref="CaseQueries.ExplainDeadlineAsync"/>'s day-by-day count.</summary>
public sealed record DeadlineView(Case Case, DeadlineExplanation Explanation)
{
    /// <summary>The pause still running, if the case is suspended.</summary>
    public PauseEntry? OpenPause => Explanation.Pauses.LastOrDefault(p => p.EndedOn is null);

    /// <summary>The case is on the working-day clock (accepted, not yet decided or ended).</summary>
    public bool Running => CaseStatusLabels.Running.Contains(Case.Status);
}
