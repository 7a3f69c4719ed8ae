using System.Text;
using OneSeal.Catalog.Guides;

namespace OneSeal.Catalog.Search;

/// <summary>
/// The SQL of a catalog search, one statement on SQLite and PostgreSQL alike: index range scans on
/// <c>item_search_terms</c> (only the versions in force have terms) give each matching key with its code and rank, read once
/// into a materialised CTE that gives both the count and the page; only the page's rows are joined to the keys, items
/// and departments (docs/decisions/0005-chinese-search.md).
/// </summary>
internal static class SearchSql
{
    /// <summary>One row of a page; <see cref="Total"/> is the number of all matches.</summary>
    internal sealed class Row
    {
        public string Code { get; set; } = "";
        public string Name { get; set; } = "";
        public string Category { get; set; } = "";
        public string Kind { get; set; } = "";
        public string ServiceObject { get; set; } = "";
        public string DepartmentName { get; set; } = "";
        public int StatutoryDays { get; set; }
        public int PromisedDays { get; set; }
        public int Visits { get; set; }
        public int Total { get; set; }
    }

    /// <summary>
    /// The page (<paramref name="skip"/>, <paramref name="take"/>) of items (versions in force) matching <paramref name="q"/>:
    /// rank (0: a key equals the query, 1: a key starts with it, 2: contains it), then code in ordinal order.
    /// </summary>
    public static (string Sql, object[] Args) Page(SearchQuery q, ItemFilter filter, bool postgres, int skip, int take)
    {
        var args = new List<object>();
        var matches = Matches(q, filter, postgres, args);
        var ordinal = postgres ? " COLLATE \"C\"" : ""; // SQLite's default collation is already byte-wise
        var sql = $"""
            WITH m AS MATERIALIZED ({matches})
            SELECT i.code AS "Code", i.name AS "Name", i.category AS "Category", i.kind AS "Kind",
                   i.service_object AS "ServiceObject", a.name AS "DepartmentName", i.statutory_days AS "StatutoryDays",
                   i.promised_days AS "PromisedDays", i.visits AS "Visits", (SELECT COUNT(*) FROM m) AS "Total"
            FROM (SELECT key_id, code, rnk FROM m ORDER BY rnk, code{ordinal}, key_id LIMIT {P(args, take)} OFFSET {P(args, skip)}) p
            JOIN item_search_keys k ON k.id = p.key_id
            JOIN items i ON i.id = k.item_id
            JOIN agencies a ON a.id = i.competent_department_id
            WHERE k.in_force
            ORDER BY p.rnk, p.code{ordinal}, p.key_id
            """;
        return (sql, args.ToArray());
    }

    /// <summary>The number of matches (for a page past the last one, where the count has no row to ride on).</summary>
    public static (string Sql, object[] Args) Count(SearchQuery q, ItemFilter filter, bool postgres)
    {
        var args = new List<object>();
        return ($"""SELECT COUNT(*) AS "Value" FROM ({Matches(q, filter, postgres, args)}) m""", args.ToArray());
    }

    /// <summary>(key_id, code, rnk) of every match that passes <paramref name="filter"/>, one row per key.</summary>
    private static string Matches(SearchQuery q, ItemFilter filter, bool postgres, List<object> args)
    {
        var matches = Matches(q, postgres, args);
        if (filter.IsEmpty) return matches;
        // The filter is checked once per matching key (not per term), by primary-key lookups of the key's version, its
        // themes and the department's code, so the search stays one pass over the terms' index plus a probe per match.
        var where = new List<string>();
        if (filter.Category is { } category) where.Add($"fi.category = {P(args, category)}");
        if (filter.Kind is { } kind) where.Add($"fi.kind = {P(args, kind.ToString())}");
        if (filter.Level is { } level) where.Add($"fi.level = {P(args, level.ToString())}");
        if (filter.ServiceObject is { } so)
            where.Add(so == ServiceObject.Both ? $"fi.service_object = {P(args, so.ToString())}"
                : $"fi.service_object IN ({P(args, so.ToString())}, {P(args, nameof(ServiceObject.Both))})");
        if (filter.Theme is { } theme)
            where.Add($"EXISTS (SELECT 1 FROM item_themes ft WHERE ft.item_id = fi.id AND ft.theme_code = {P(args, theme)})");
        if (filter.Department is { } department)
            where.Add($"EXISTS (SELECT 1 FROM agencies fa WHERE fa.code = {P(args, department)} AND (fa.id = fi.competent_department_id OR fa.id = fi.implementing_organisation_id))");
        return $"SELECT g.key_id, g.code, g.rnk FROM ({matches}) g WHERE EXISTS (SELECT 1 FROM item_search_keys fk JOIN items fi ON fi.id = fk.item_id WHERE fk.id = g.key_id AND {string.Join(" AND ", where)})";
    }

    private static string Matches(SearchQuery q, bool postgres, List<object> args)
    {
        var sb = new StringBuilder("SELECT t.key_id, MIN(t.code) AS code, MIN(CASE");
        if (q.Exact.Count > 0)
            sb.Append(" WHEN ").Append(string.Join(" OR ", q.Exact.Select(e => $"t.term = {P(args, e)}"))).Append(" THEN 0");
        sb.Append($" WHEN t.term < {P(args, SearchKeys.FirstLowerTag)} THEN 1 ELSE 2 END) AS rnk FROM (");
        // One index range scan per range (UNION ALL, not OR: both planners then read the primary key's index alone).
        for (var n = 0; n < q.Ranges.Count; n++)
        {
            if (n > 0) sb.Append(" UNION ALL ");
            sb.Append($"SELECT term, code, key_id FROM item_search_terms WHERE term >= {P(args, q.Ranges[n].From)} AND term < {P(args, q.Ranges[n].To)}");
        }
        sb.Append(") t");
        if (q.NeedsCheck)
        {
            // Longer than the indexed suffixes: the ranges found candidates; keep those that contain the whole query.
            var contains = postgres ? "strpos" : "instr";
            var text = P(args, q.Text);
            sb.Append($" WHERE EXISTS (SELECT 1 FROM item_search_keys k WHERE k.id = t.key_id AND ({contains}(k.name, {text}) > 0");
            if (q.MatchesCode) sb.Append($" OR {contains}(k.code, {text}) > 0");
            if (q.Initials is not null) sb.Append($" OR {contains}(k.initials, {P(args, q.Initials)}) > 0 OR {contains}(k.pinyin, {P(args, q.Pinyin!)}) > 0");
            sb.Append("))");
        }
        sb.Append(" GROUP BY t.key_id");
        return sb.ToString();
    }

    private static string P(List<object> args, object value)
    {
        args.Add(value);
        return $"{{{args.Count - 1}}}";
    }
}
