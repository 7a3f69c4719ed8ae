using OneSeal.Platform.Http;
using OneSeal.Platform.Security;

namespace OneSeal.Cases.Rules;

/// <summary>
/// 受审分离: accepting and approving are done by different people. Enforced on the server for every path (API and
/// pages) as guards of the case machine (<see cref="Machine.CaseGuards"/>); the messages live here.
/// </summary>
public static class SeparationOfDuties
{
    public const string Rule = "separation-of-duties";
    public const string AcceptorReviewing = "受审分离：受理本件的人员不能审查本件。";
    public const string AcceptorDeciding = "受审分离：受理本件的人员不能作出决定。";
    public const string ReviewerDeciding = "审查与决定分离：审查本件的人员不能作出决定。";

    /// <summary>Whoever accepted a case may not review it.</summary>
    public static void AcceptorCannotReview(Case c, Actor actor) => Throw(Machine.CaseGuards.AcceptorCannotReview, c, actor);

    /// <summary>Whoever accepted a case may not decide it.</summary>
    public static void AcceptorCannotDecide(Case c, Actor actor) => Throw(Machine.CaseGuards.AcceptorCannotDecide, c, actor);

    /// <summary>Whoever reviewed a case may not decide it.</summary>
    public static void ReviewerCannotDecide(Case c, Actor actor) => Throw(Machine.CaseGuards.ReviewerCannotDecide, c, actor);

    private static void Throw(Machine.CaseGuard guard, Case c, Actor actor)
    {
        if (guard.Check(new Machine.GuardInput(c, actor, new Machine.CaseContext(default))) is { } refusal) throw refusal;
    }
}
