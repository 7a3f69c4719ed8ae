using OneSeal.Platform.Security;

namespace OneSeal.Cases.Decision;

/// <summary>
/// Told of every decision (准予, 不予, 超时默认准予) inside the decision's transaction, after the case records it and
/// before it commits: what a listener adds to the unit of work (a fee demand, a pick-up code) commits or rolls back with it.
/// </summary>
public interface ICaseDecisionListener
{
    Task OnDecidedAsync(Case decided, Actor actor, DateTimeOffset now, CancellationToken ct);
}
