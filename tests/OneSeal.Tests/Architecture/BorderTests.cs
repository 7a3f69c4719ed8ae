using System.Reflection;
using Microsoft.EntityFrameworkCore;
using NetArchTest.Rules;
using OneSeal.Platform.Database;

namespace OneSeal.Tests.Architecture;

/// <summary>
/// The borders between capabilities (docs/decisions/0001-one-deployable-by-capability.md), read from the compiled
/// assembly: no app host, no database. A capability is the first namespace part under <c>OneSeal</c> (its folder).
/// </summary>
public sealed class BorderTests
{
    /// <summary>
    /// Who may depend on whom: a capability uses only capabilities of a lower layer (their services, value types and
    /// results), never one of its own layer or above, so there is no cycle by construction. Platform depends on none.
    /// </summary>
    public static readonly IReadOnlyList<string[]> Layers =
    [
        ["Platform"],
        ["Organisation", "Documents"],
        ["Calendar", "Seal"],
        ["Catalog"],
        ["Notices", "Supervision", "Hall"],
        ["Cases"],
        // issue 11 — results and fees: the result and fee windows hand results over through the case commands.
        // issue 12 — the queue calls walk-ins to the windows, links tickets to their cases and board to the windows.
        ["Counter", "Queue"],
        // issue 13 — exchange: events out to other systems (feed, webhooks, broker)
        ["Exchange"],
        // issue 12 — ratings: the window device rates the ticket a window finished (later also cases online).
        ["Ratings"],
        ["Pages"],
    ];

    /// <summary>
    /// The tables a capability reads although another owns them: reference data whose owner publishes it for reading.
    /// Everything else is asked of its owner (a query service, an interface the reader defines and the owner implements,
    /// or data passed in the request). Writing another's table is never allowed.
    /// </summary>
    public static readonly IReadOnlyList<(string Reader, Type Table, string Why)> ReferenceReads =
    [
        ("*", typeof(OneSeal.Organisation.Agency), "organisations: names, data scope, issuing bodies"),
        ("*", typeof(OneSeal.Organisation.Account), "accounts: who acted, whom a result is made out to"),
        ("Cases", typeof(OneSeal.Catalog.Item), "a case is filed under a published item version, which never changes (ADR 0007)"),
        ("Cases", typeof(OneSeal.Catalog.ItemMaterial), "the version's materials, as above"),
        ("Cases", typeof(OneSeal.Catalog.ItemFormField), "the version's form, as above"),
        ("Cases", typeof(OneSeal.Catalog.ItemStep), "the version's steps, as above"),
        ("Cases", typeof(OneSeal.Seal.Certificate), "handed over by Seal (the issuer's result, the delivery listener's argument); Cases queries no certificate itself"),
        ("Cases", typeof(OneSeal.Notices.CaseNotice), "handed back by the notice issuer a case step calls; Cases queries no notice itself"),
        // issue 11 — results and fees
        ("Counter", typeof(OneSeal.Cases.Case), "the result window lists decided cases (delivered only through CaseCommands); a decision hands its case to the fee demand"),
        ("Counter", typeof(OneSeal.Notices.CaseNotice), "the delivery receipt a pick-up produced, for its print view"),
        ("Counter", typeof(OneSeal.Catalog.Item), "the fee of the decided case's item version, which never changes (ADR 0007)"),
        ("Counter", typeof(OneSeal.Catalog.ItemTheme), "企业开办 items charge nothing: the version's themes"),
        ("Counter", typeof(OneSeal.Hall.Window), "the window a fee clerk sits at and the departments with windows in its hall"),
        // issue 12 — queue tickets: calling is by a window's themes, numbers carry the theme's prefix letter
        ("Queue", typeof(OneSeal.Hall.Window), "the windows that call tickets and the hall they stand in"),
        ("Queue", typeof(OneSeal.Hall.WindowTheme), "the themes a window calls tickets of"),
        ("Queue", typeof(OneSeal.Hall.HallTheme), "a ticket's theme: its name and ticket prefix letter (migration 0030)"),
    ];

    private static readonly Assembly App = typeof(OneSealDb).Assembly;
    private static readonly Types AppTypes = Types.InAssembly(App);

    /// <summary>Each entity type of the model with the capability that owns it (the folder it lives in).</summary>
    private static readonly Lazy<IReadOnlyList<(Type Entity, string Owner)>> Tables = new(() =>
    {
        using var db = new OneSealDb(new DbContextOptionsBuilder<OneSealDb>().UseSqlite("Data Source=:memory:").Options);
        return db.Model.GetEntityTypes().Select(e => e.ClrType).Distinct()
            .Select(t => (t, CapabilityOf(t) ?? "?"))
            .ToList();
    });

    [Fact]
    public void Every_capability_folder_is_in_a_layer()
    {
        var named = Layers.SelectMany(l => l).ToHashSet();
        var folders = App.GetTypes().Select(CapabilityOf).Where(c => c is not null).Distinct()
            .Where(c => c is not "Resources" and not "Root");
        folders.Where(f => !named.Contains(f!)).ShouldBeEmpty("A new capability needs its place in BorderTests.Layers.");
    }

    [Theory]
    [MemberData(nameof(Capabilities))]
    public void A_capability_depends_only_on_lower_layers(string module)
    {
        var layer = LayerOf(module);
        var forbidden = Layers.Skip(layer).SelectMany(l => l).Where(m => m != module).ToArray();
        var result = Selected(module).ShouldNot().HaveDependencyOnAny(forbidden.Select(m => $"OneSeal.{m}").ToArray()).GetResult();
        // The compiled code misses constants (inlined) and using directives; the source names them.
        var named = SourceFiles(module)
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, line, i)))
            .Where(x => !x.line.TrimStart().StartsWith("//", StringComparison.Ordinal))
            .SelectMany(x => QualifiedName.Matches(x.line).Where(m => forbidden.Contains(m.Groups[1].Value))
                .Select(m => $"  {Path.GetRelativePath(SourceRoot, x.f)}:{x.i + 1}: names {m.Value}"))
            .ToList();
        (result.IsSuccessful && named.Count == 0).ShouldBeTrue(
            Failures($"{module} (layer {layer}) may depend only on a lower layer", result) + "\n" + string.Join("\n", named));
    }

    [Theory]
    [MemberData(nameof(Capabilities))]
    public void A_capability_reads_only_its_own_tables_and_the_listed_reference_data(string module)
    {
        var foreign = Tables.Value
            .Where(t => t.Owner != module && t.Owner != "Platform")
            .Where(t => !ReferenceReads.Any(r => r.Table == t.Entity && (r.Reader == "*" || r.Reader == module)))
            .Select(t => t.Entity.FullName!)
            .ToArray();
        // A foreign key in an entity's configuration names another's table to keep integrity; it reads nothing.
        var result = Selected(module).And().DoNotImplementInterface(typeof(IEntityTypeConfiguration<>))
            .ShouldNot().HaveDependencyOnAny(foreign).GetResult();
        result.IsSuccessful.ShouldBeTrue(Failures($"{module} uses another capability's tables (entities)", result));
    }

    [Fact]
    public void Pages_do_not_use_the_database_context()
    {
        // Page models and the compiled views; they ask a capability's query and command services instead.
        var result = AppTypes.That().ResideInNamespace("OneSeal.Pages").Or().ResideInNamespace("AspNetCoreGeneratedDocument")
            .ShouldNot().HaveDependencyOnAny(typeof(OneSealDb).FullName!, typeof(DbContext).FullName!)
            .GetResult();
        result.IsSuccessful.ShouldBeTrue(Failures("Pages use the database context", result));
    }

    [Fact]
    public void Capabilities_have_no_dependency_cycle()
    {
        // The layers forbid cycles; this reads the graph itself, so a layer table edited to allow one still fails here.
        var modules = Layers.SelectMany(l => l).ToArray();
        var edges = modules.ToDictionary(m => m, m => DependenciesOf(m, modules.Where(o => o != m).ToList()));
        edges.Values.Sum(e => e.Count).ShouldBeGreaterThan(0, "The graph came out empty.");
        var cycle = FindCycle(edges);
        cycle.ShouldBeNull($"Capabilities depend on each other in a cycle: {string.Join(" → ", cycle ?? [])}");
    }

    /// <summary>
    /// Which of <paramref name="candidates"/> the module depends on. A failing type's explanation names one dependency,
    /// so ask again without the modules found until none is left: one query per edge, not one per pair.
    /// </summary>
    private static List<string> DependenciesOf(string module, List<string> candidates)
    {
        var found = new List<string>();
        while (candidates.Count > 0)
        {
            var failing = Selected(module).ShouldNot().HaveDependencyOnAny(candidates.Select(c => $"OneSeal.{c}").ToArray())
                .GetResult().FailingTypes ?? [];
            if (failing.Count == 0) break;
            var named = failing.SelectMany(t => QualifiedName.Matches(t.Explanation ?? "").Select(x => x.Groups[1].Value))
                .Where(candidates.Contains).Distinct().ToList();
            named.ShouldNotBeEmpty($"{module}: a failing type's explanation names no module ({failing[0].Explanation}).");
            found.AddRange(named);
            candidates = candidates.Except(named).ToList();
        }
        return found;
    }

    /// <summary>Every layer but the top one (Pages: nothing is above them, and they read no table, see the test above).</summary>
    public static TheoryData<string> Capabilities() => new(Layers.SkipLast(1).SelectMany(l => l));

    private static readonly System.Text.RegularExpressions.Regex QualifiedName = new(@"\bOneSeal\.([A-Z]\w*)");

    /// <summary>src/OneSeal, found upwards from the test binaries.</summary>
    private static readonly string SourceRoot = FindSourceRoot();

    private static string FindSourceRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "src", "OneSeal", "OneSeal.csproj"))) return Path.Combine(dir.FullName, "src", "OneSeal");
        throw new InvalidOperationException("src/OneSeal not found above " + AppContext.BaseDirectory);
    }

    private static IEnumerable<string> SourceFiles(string module) =>
        Directory.EnumerateFiles(Path.Combine(SourceRoot, module), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static int LayerOf(string module) => Layers.Select((l, i) => (l, i)).Single(x => x.l.Contains(module)).i;

    private static PredicateList Selected(string module) => AppTypes.That().ResideInNamespace($"OneSeal.{module}");

    private static string? CapabilityOf(Type t) =>
        t.Namespace is { } ns && ns.StartsWith("OneSeal", StringComparison.Ordinal)
            ? ns == "OneSeal" ? "Root" : ns.Split('.')[1]
            : null;

    private static string Failures(string rule, TestResult result) =>
        rule + ":\n" + string.Join("\n", (result.FailingTypes ?? []).Select(t => $"  {t.FullName}: {t.Explanation}"));

    /// <summary>A cycle in the graph as its modules in order, or null (depth-first search with colours).</summary>
    private static string[]? FindCycle(IReadOnlyDictionary<string, List<string>> edges)
    {
        var state = new Dictionary<string, int>();
        var path = new Stack<string>();
        string[]? Visit(string m)
        {
            state[m] = 1;
            path.Push(m);
            foreach (var next in edges[m])
            {
                if (state.GetValueOrDefault(next) == 1)
                    return [.. path.Reverse().SkipWhile(p => p != next), next];
                if (state.GetValueOrDefault(next) == 0 && Visit(next) is { } found) return found;
            }
            path.Pop();
            state[m] = 2;
            return null;
        }
        foreach (var m in edges.Keys)
            if (state.GetValueOrDefault(m) == 0 && Visit(m) is { } cycle) return cycle;
        return null;
    }
}
