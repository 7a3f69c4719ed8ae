using OneSeal.Organisation;
using OneSeal.Platform.Security;

namespace OneSeal.Cases.WindowChief;

/// <summary>Who answers a joint review: staff of the department asked (role <c>dept</c>, their work unit that department).</summary>
public static class JointReviewAccess
{
    public static bool MayAnswer(Actor actor, JointReview request) =>
        actor.Kind == AccountKind.Staff && actor.Has(Roles.DepartmentStaff) && actor.WorkUnitId == request.DepartmentId;
}
