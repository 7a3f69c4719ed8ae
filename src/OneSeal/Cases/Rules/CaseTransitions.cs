using OneSeal.Platform.Http;

namespace OneSeal.Cases.Rules;

/// <summary>Which status each action starts from. Anything else is a 409: the case is not in a state for it.</summary>
public static class CaseTransitions
{
    private static readonly Dictionary<string, CaseStatus[]> From = new()
    {
        [CaseActions.MaterialUploaded] = [CaseStatus.Draft, CaseStatus.CorrectionRequested],
        [CaseActions.Submitted] = [CaseStatus.Draft, CaseStatus.CorrectionRequested],
        [CaseActions.Accepted] = [CaseStatus.Submitted],
        [CaseActions.CorrectionRequested] = [CaseStatus.Submitted],
        [CaseActions.Refused] = [CaseStatus.Submitted],
        [CaseActions.Reviewed] = [CaseStatus.Accepted],
        [CaseActions.Approved] = [CaseStatus.Reviewed],
        [CaseActions.Denied] = [CaseStatus.Reviewed],
        [CaseActions.Delivered] = [CaseStatus.CertificateIssued, CaseStatus.Denied],
        [CaseActions.Suspended] = [CaseStatus.Accepted, CaseStatus.Reviewed],
        [CaseActions.Resumed] = [CaseStatus.Suspended],
        [CaseActions.Extended] = [CaseStatus.Accepted, CaseStatus.Reviewed, CaseStatus.Suspended],
        [CaseActions.Withdrawn] = [CaseStatus.Draft, CaseStatus.Submitted, CaseStatus.CorrectionRequested, CaseStatus.Accepted, CaseStatus.Reviewed, CaseStatus.Suspended],
        [CaseActions.Terminated] = [CaseStatus.Accepted, CaseStatus.Reviewed, CaseStatus.Suspended],
    };

    public static bool IsAllowed(string action, CaseStatus status) => From.TryGetValue(action, out var s) && s.Contains(status);

    public static void Ensure(string action, Case c)
    {
        if (!IsAllowed(action, c.Status))
            throw new ConflictException("invalid-transition",
                $"办件当前状态为“{CaseStatusLabels.Of(c.Status)}”，不能执行“{CaseActions.Label(action)}”。");
    }
}
