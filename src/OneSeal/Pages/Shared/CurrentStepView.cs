using OneSeal.Cases.Clock;

namespace OneSeal.Pages;

/// <summary>
/// Model of <c>_CurrentStep</c>. A wrapper, because a partial given a null model silently receives its parent's model
/// instead; a case with no current step (a draft, an ended case) passes a view whose step is null.
/// </summary>
public sealed record CurrentStepView(StepStatus? Step)
{
    public static CurrentStepView For(IReadOnlyDictionary<Guid, StepStatus?> steps, Guid caseId) => new(steps.GetValueOrDefault(caseId));
}
