using OneSeal.Platform.Http;
using OneSeal.Platform.Security;

namespace OneSeal.Cases.Rules;

/// <summary>
/// 受审分离: accepting and approving are done by different people. Enforced here, on the server,
/// for every path (API and pages).
/// </summary>
public static class SeparationOfDuties
{
    public const string Rule = "separation-of-duties";

    /// <summary>Whoever accepted a case may not review it.</summary>
    public static void AcceptorCannotReview(Case c, Actor actor)
    {
        if (c.AcceptedById == actor.Id)
            throw new ForbiddenException(Rule, "受审分离：受理本件的人员不能审查本件。");
    }

    /// <summary>Whoever accepted a case may not decide it.</summary>
    public static void AcceptorCannotDecide(Case c, Actor actor)
    {
        if (c.AcceptedById == actor.Id)
            throw new ForbiddenException(Rule, "受审分离：受理本件的人员不能作出决定。");
    }

    /// <summary>Whoever reviewed a case may not decide it.</summary>
    public static void ReviewerCannotDecide(Case c, Actor actor)
    {
        if (c.ReviewedById == actor.Id)
            throw new ForbiddenException(Rule, "审查与决定分离：审查本件的人员不能作出决定。");
    }
}
