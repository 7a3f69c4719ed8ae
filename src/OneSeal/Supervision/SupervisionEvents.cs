using OneSeal.Supervision.Pushes;

namespace OneSeal.Supervision;

/// <summary>The supervision.* events' subject and data (issue 13 §3): one subject per push, so they keep their order.</summary>
internal static class SupervisionEvents
{
    public static string Subject(SupervisionPush p) => $"supervision/pushes/{p.Id}";

    public static object Data(SupervisionPush p, object? extra = null) => new
    {
        pushId = p.Id, caseId = p.CaseId, caseNumber = p.CaseNumber, itemCode = p.ItemCode, kind = PushLabels.Api(p.Kind),
        departmentId = p.DepartmentId, claimBy = p.ClaimBy, claimedAt = p.ClaimedAt, detail = extra,
    };
}
