using System.Text.RegularExpressions;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Case = OneSeal.Cases.Case;

namespace OneSeal.Tests.Architecture;

/// <summary>
/// Every status change goes through the case machine (docs/decisions/0009-case-state-machine.md): read from the compiled
/// assembly's IL, <c>Case.MoveTo</c> is called only by <c>CaseCommands.ApplyAsync</c>, the status setter only by
/// <c>MoveTo</c>, and no SQL text in the app updates the cases' status column. (An EF <c>ExecuteUpdate</c> on
/// <c>Case.Status</c> is an expression tree, not a call: it is not seen here.)
/// </summary>
public sealed partial class CaseStatusWriterTests
{
    private static readonly string Allowed = "OneSeal.Cases.CaseCommands::ApplyAsync";

    [Fact]
    public void Only_the_machine_s_apply_step_moves_a_case()
    {
        var callers = Callers(typeof(Case).FullName!, "MoveTo");
        callers.ShouldNotBeEmpty("the scan must find the one caller, or it proves nothing");
        callers.ShouldAllBe(c => c == Allowed, $"Case.MoveTo called from: {string.Join(", ", callers)}");
    }

    [Fact]
    public void Only_MoveTo_sets_the_status()
    {
        var setters = Callers(typeof(Case).FullName!, "set_Status");
        setters.ShouldBe([$"{typeof(Case).FullName}::MoveTo"]);
    }

    [Fact]
    public void No_SQL_in_the_app_updates_a_case_s_status()
    {
        var offending = Instructions().Where(x => x.OpCode == OpCodes.Ldstr && CaseStatusUpdate().IsMatch(x.Operand!))
            .Select(x => x.Method).ToList();
        offending.ShouldBeEmpty();
    }

    /// <summary>Methods (async and lambda bodies named after the method they are written in) calling <paramref name="type"/>::<paramref name="method"/>.</summary>
    private static List<string> Callers(string type, string method) =>
        Instructions().Where(x => x.OpCode.FlowControl == FlowControl.Call && x.Operand == $"{type}::{method}")
            .Select(x => x.Method).Distinct().ToList();

    /// <summary>Every instruction of the app's assembly: the method it is written in, its opcode, and a called method or loaded string.</summary>
    private static List<(string Method, OpCode OpCode, string? Operand)> Instructions()
    {
        using var module = ModuleDefinition.ReadModule(typeof(Case).Assembly.Location);
        var found = new List<(string, OpCode, string?)>();
        foreach (var type in module.GetTypes())
        foreach (var method in type.Methods.Where(m => m.HasBody))
        foreach (var instruction in method.Body.Instructions)
            found.Add((SourceName(type, method), instruction.OpCode, instruction.Operand switch
            {
                MethodReference m => $"{m.DeclaringType.FullName}::{m.Name}",
                string text => text,
                _ => null,
            }));
        return found;
    }

    /// <summary>
    /// The method as written: an async method's body is the MoveNext of a nested <c>&lt;Name&gt;d__N</c> type, a lambda's a
    /// <c>&lt;Name&gt;b__N</c> method, possibly of a nested closure class.
    /// </summary>
    private static string SourceName(TypeDefinition type, MethodDefinition method)
    {
        var name = method.Name;
        while (type.IsNested && type.Name.StartsWith('<'))
        {
            if (GeneratedName().Match(type.Name) is { Success: true } outer && outer.Groups[1].Value.Length > 0) name = outer.Groups[1].Value;
            type = type.DeclaringType;
        }
        if (GeneratedName().Match(name) is { Success: true } inner && inner.Groups[1].Value.Length > 0) name = inner.Groups[1].Value;
        return $"{type.FullName}::{name}";
    }

    [GeneratedRegex(@"^<([^>]*)>")]
    private static partial Regex GeneratedName();

    [GeneratedRegex(@"UPDATE\s+cases\s+SET\b[^;]*\bstatus\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex CaseStatusUpdate();
}
