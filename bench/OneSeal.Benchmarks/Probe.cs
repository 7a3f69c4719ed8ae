using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace OneSeal.Benchmarks;

public static class Probe
{
    public static void Run(string file)
    {
        using var conn = new SqliteConnection($"Data Source={file}");
        conn.Open();
        string R = "(term >= x'6e78756b65' AND term < x'6e78756b65ff') OR (term >= x'6378756b65' AND term < x'6378756b65ff') OR (term >= x'6978756b65' AND term < x'6978756b65ff') OR (term >= x'7078756b65' AND term < x'7078756b65ff')";
        var sqls = new Dictionary<string, string>
        {
            ["terms count"] = $"SELECT count(*) FROM item_search_terms WHERE {R}",
            ["terms rows"] = $"SELECT key_id FROM item_search_terms WHERE {R}",
            ["distinct"] = $"SELECT count(distinct key_id) FROM item_search_terms WHERE {R}",
            ["IN count"] = $"SELECT count(*) FROM item_search_keys k WHERE k.published AND k.id IN (SELECT key_id FROM item_search_terms WHERE {R})",
            ["IN rows id,code"] = $"SELECT k.id, k.code FROM item_search_keys k WHERE k.published AND k.id IN (SELECT key_id FROM item_search_terms WHERE {R})",
            ["IN rows id,rank,code"] = $"SELECT k.id, CASE WHEN k.name='xuke' OR k.code='xuke' OR k.initials='xuke' OR k.pinyin='xuke' THEN 0 WHEN substr(k.name,1,length('xuke'))='xuke' OR substr(k.code,1,length('xuke'))='xuke' OR substr(k.initials,1,length('xuke'))='xuke' OR substr(k.pinyin,1,length('xuke'))='xuke' THEN 1 ELSE 2 END, k.code FROM item_search_keys k WHERE k.published AND k.id IN (SELECT key_id FROM item_search_terms WHERE {R})",
            ["page top20 rank substr"] = $"SELECT k.id FROM item_search_keys k WHERE k.published AND k.id IN (SELECT key_id FROM item_search_terms WHERE {R}) ORDER BY CASE WHEN k.name='xuke' OR k.code='xuke' OR k.initials='xuke' OR k.pinyin='xuke' THEN 0 WHEN substr(k.name,1,length('xuke'))='xuke' OR substr(k.code,1,length('xuke'))='xuke' OR substr(k.initials,1,length('xuke'))='xuke' OR substr(k.pinyin,1,length('xuke'))='xuke' THEN 1 ELSE 2 END, k.code LIMIT 20",
            ["page top20 rank range"] = $"SELECT k.id FROM item_search_keys k WHERE k.published AND k.id IN (SELECT key_id FROM item_search_terms WHERE {R}) ORDER BY CASE WHEN k.name='xuke' OR k.code='xuke' OR k.initials='xuke' OR k.pinyin='xuke' THEN 0 WHEN (k.name >= 'xuke' AND k.name < 'xukf') OR (k.initials >= 'xuke' AND k.initials < 'xukf') OR (k.pinyin >= 'xuke' AND k.pinyin < 'xukf') OR (k.code >= 'xuke' AND k.code < 'xukf') THEN 1 ELSE 2 END, k.code LIMIT 20",
            ["page top20 rank like"] = $"SELECT k.id FROM item_search_keys k WHERE k.published AND k.id IN (SELECT key_id FROM item_search_terms WHERE {R}) ORDER BY CASE WHEN k.name='xuke' OR k.code='xuke' OR k.initials='xuke' OR k.pinyin='xuke' THEN 0 WHEN k.name LIKE 'xuke%' OR k.initials LIKE 'xuke%' OR k.pinyin LIKE 'xuke%' OR k.code LIKE 'xuke%' THEN 1 ELSE 2 END, k.code LIMIT 20",
            ["page top20 window"] = $"SELECT k.id, COUNT(*) OVER () FROM item_search_keys k WHERE k.published AND k.id IN (SELECT key_id FROM item_search_terms WHERE {R}) ORDER BY CASE WHEN k.name='xuke' OR k.code='xuke' OR k.initials='xuke' OR k.pinyin='xuke' THEN 0 WHEN (k.name >= 'xuke' AND k.name < 'xukf') OR (k.initials >= 'xuke' AND k.initials < 'xukf') OR (k.pinyin >= 'xuke' AND k.pinyin < 'xukf') OR (k.code >= 'xuke' AND k.code < 'xukf') THEN 1 ELSE 2 END, k.code LIMIT 20",
            ["cte materialized"] = $"WITH m AS MATERIALIZED (SELECT k.id, k.code, CASE WHEN k.name='xuke' OR k.code='xuke' OR k.initials='xuke' OR k.pinyin='xuke' THEN 0 WHEN (k.name >= 'xuke' AND k.name < 'xukf') OR (k.initials >= 'xuke' AND k.initials < 'xukf') OR (k.pinyin >= 'xuke' AND k.pinyin < 'xukf') OR (k.code >= 'xuke' AND k.code < 'xukf') THEN 1 ELSE 2 END AS rnk FROM item_search_keys k WHERE k.published AND k.id IN (SELECT key_id FROM item_search_terms WHERE {R})) SELECT m.id, m.rnk, (SELECT COUNT(*) FROM m) FROM m ORDER BY m.rnk, m.code LIMIT 20",
            ["cte join distinct"] = $"WITH m AS MATERIALIZED (SELECT DISTINCT k.id, k.code, CASE WHEN k.name='xuke' OR k.code='xuke' OR k.initials='xuke' OR k.pinyin='xuke' THEN 0 WHEN (k.name >= 'xuke' AND k.name < 'xukf') OR (k.initials >= 'xuke' AND k.initials < 'xukf') OR (k.pinyin >= 'xuke' AND k.pinyin < 'xukf') OR (k.code >= 'xuke' AND k.code < 'xukf') THEN 1 ELSE 2 END AS rnk FROM item_search_terms t JOIN item_search_keys k ON k.id = t.key_id WHERE k.published AND ({R})) SELECT m.id, m.rnk, (SELECT COUNT(*) FROM m) FROM m ORDER BY m.rnk, m.code LIMIT 20",
            ["page top20"] = $"SELECT k.id FROM item_search_keys k WHERE k.published AND k.id IN (SELECT key_id FROM item_search_terms WHERE {R}) ORDER BY k.code LIMIT 20",
        };
        foreach (var (name, sql) in sqls)
        {
            double best = double.MaxValue; int n = 0;
            for (var i = 0; i < 30; i++)
            {
                var t = Stopwatch.GetTimestamp();
                using var cmd = conn.CreateCommand();
                cmd.CommandText = sql;
                using var r = cmd.ExecuteReader();
                n = 0;
                while (r.Read()) { n++; for (var c = 0; c < r.FieldCount; c++) r.GetValue(c); }
                best = Math.Min(best, Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }
            Console.WriteLine($"{name,-22} rows {n,6} best {best:F3} ms");
        }
    }
}
