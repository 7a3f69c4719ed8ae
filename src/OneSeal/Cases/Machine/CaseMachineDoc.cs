using System.Text;
using OneSeal.Organisation;

namespace OneSeal.Cases.Machine;

/// <summary>
/// docs/case-states.md, generated from <see cref="CaseMachine.Table"/>: a Mermaid state diagram and the table itself.
/// A test fails when the file differs; <c>ONESEAL_WRITE_DOCS=1</c> on that test writes it.
/// </summary>
public static class CaseMachineDoc
{
    public static string Markdown()
    {
        var b = new StringBuilder();
        b.Append("""
            # Case states (generated)

            Generated from `src/OneSeal/Cases/Machine/CaseMachine.cs` by `CaseMachineDoc`; do not edit by hand. To regenerate:
            `ONESEAL_WRITE_DOCS=1 dotnet test tests/OneSeal.Tests --filter FullyQualifiedName~CaseStatesDocTests`.
            Every status change of a case, by a person or by the system, is a row below (docs/decisions/0009-case-state-machine.md).
            Actions that keep the status (upload, commitment, extension) are drawn as loops.

            ```mermaid
            stateDiagram-v2
                [*] --> Draft

            """);
        foreach (var edge in CaseMachine.Table.GroupBy(r => (r.From, r.To)).OrderBy(g => g.Key.From).ThenBy(g => g.Key.To))
            b.Append($"    {edge.Key.From} --> {edge.Key.To} : {string.Join(", ", edge.Select(r => CaseActionLabels.Api(r.Action)).Distinct())}\n");
        foreach (var end in Enum.GetValues<CaseStatus>().Where(s => CaseMachine.Table.All(r => r.From != s)))
            b.Append($"    {end} --> [*]\n");
        b.Append("""
            ```

            | action | from | to | who | guards (rule) | timeline | notice |
            |---|---|---|---|---|---|---|

            """);
        foreach (var r in CaseMachine.Table)
            b.Append($"| {CaseActionLabels.Api(r.Action)} {CaseActionLabels.Of(r.Action)} | {r.From} | {r.To} | {Who(r)} | "
                + $"{string.Join("; ", r.Guards.Select(g => $"{g.Name} (`{g.Rule}`)"))} | `{r.Event}` | {r.Notice?.ToString() ?? ""} |\n");
        return b.ToString();
    }

    private static string Who(Transition r) => r.Party switch
    {
        Party.Staff => string.Join(" or ", r.Roles.Select(role => $"{role} {RoleLabels.Of(role)}")),
        Party.Applicant => "applicant 申请人",
        _ => "system 系统",
    };
}
