using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OneSeal.Tests.Api.Fuzz;

/// <summary>One operation of the OpenAPI document: method, path template, parameters, what its body may be, and whether it
/// needs a bearer token (its <c>security</c> is not empty).</summary>
public sealed record FuzzOperation(string Method, string Path, IReadOnlyList<(string Name, string In)> Parameters, JsonElement? JsonSchema, bool Multipart, bool Secured);

/// <summary>One generated request: what was varied (for the failure list) and how to build it.</summary>
public sealed record FuzzRequest(string Variant, string Url, Func<HttpContent?> Body);

/// <summary>
/// Generates bad requests for every operation of an OpenAPI document: bad path values, bad query values (one parameter at
/// a time, the others plausible), bad whole bodies (null, wrong types, non-JSON, deep nesting, NUL, lone surrogates, over
/// the body limit) and bad values of each body property, inside array items too. Deterministic for a given seed.
/// </summary>
public sealed class ApiFuzzer(JsonElement document, int seed)
{
    private readonly Random random = new(seed);

    public IEnumerable<FuzzOperation> Operations()
    {
        foreach (var path in document.GetProperty("paths").EnumerateObject())
            foreach (var op in path.Value.EnumerateObject())
            {
                var parameters = op.Value.TryGetProperty("parameters", out var ps)
                    ? ps.EnumerateArray().Select(p => (p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!)).ToList()
                    : [];
                JsonElement? schema = null;
                var multipart = false;
                if (op.Value.TryGetProperty("requestBody", out var body) && body.TryGetProperty("content", out var content))
                {
                    if (content.TryGetProperty("application/json", out var json)) schema = json.GetProperty("schema");
                    multipart = content.TryGetProperty("multipart/form-data", out _);
                }
                var secured = op.Value.TryGetProperty("security", out var security) && security.GetArrayLength() > 0;
                yield return new FuzzOperation(op.Name.ToUpperInvariant(), path.Name, parameters, schema, multipart, secured);
            }
    }

    /// <summary>
    /// The requests for <paramref name="op"/>. <paramref name="good"/> gives plausible values for path and query
    /// parameters by name; <paramref name="example"/>, when given, is a valid body whose properties are varied one at a time.
    /// </summary>
    public IEnumerable<FuzzRequest> Requests(FuzzOperation op, IReadOnlyDictionary<string, string> good, JsonObject? example)
    {
        var pathParams = op.Parameters.Where(p => p.In == "path").Select(p => p.Name).ToList();
        var queryParams = op.Parameters.Where(p => p.In == "query").Select(p => p.Name).ToList();
        string Url(string? badName = null, string? badValue = null)
        {
            var path = op.Path;
            foreach (var p in pathParams) path = path.Replace("{" + p + "}", p == badName ? badValue! : Uri.EscapeDataString(Good(good, p)));
            var query = queryParams.Select(p => $"{p}={(p == badName ? badValue : Uri.EscapeDataString(Good(good, p)))}");
            return queryParams.Count == 0 ? path : path + "?" + string.Join('&', query);
        }
        var hasBody = op.JsonSchema is not null || op.Multipart || op.Method is "POST" or "PUT";
        Func<HttpContent?> plain = () => hasBody && !op.Multipart ? Json(example?.ToJsonString() ?? "{}") : null;

        foreach (var p in pathParams.Concat(queryParams))
            // The test server's client cannot carry a NUL in the path (Kestrel refuses such a request line with 400 itself).
            foreach (var bad in BadUrlValues().Where(v => !pathParams.Contains(p) || !v.Contains("%00")))
                yield return new FuzzRequest($"{p}={Shorten(bad)}", Url(p, bad), plain);

        var url = Url();
        if (op.Multipart)
        {
            foreach (var r in MultipartBodies(url)) yield return r;
            yield return new FuzzRequest("JSON instead of a form", url, () => Json("{}"));
        }
        if (!hasBody || op.Multipart) yield break;

        foreach (var (name, text) in BadWholeBodies())
            yield return new FuzzRequest("body " + name, url, () => Json(text));
        yield return new FuzzRequest("body as text/plain", url, () => new StringContent("x", Encoding.UTF8, "text/plain"));

        var schema = op.JsonSchema is { } s ? Resolve(s) : (JsonElement?)null;
        foreach (var (path, value) in PropertyVariants(schema, depth: 0))
            yield return new FuzzRequest($"{path} = {Shorten(value?.ToJsonString() ?? "null")}", url, () => Json(With(example, path, value).ToJsonString()));
    }

    // ------------------------------------------------------------------ values

    private static string Good(IReadOnlyDictionary<string, string> good, string name) => good.TryGetValue(name, out var v) ? v : "x";

    private IEnumerable<string> BadUrlValues() =>
    [
        "", "%00", "a%00b", "%ED%A0%80", "%F0%9F", "9999-12-31", "0001-01-01", "-1", "0", "2147483648", "99999999999999999999", "1e9",
        "true", "null", "..%2F..%2Fetc%2Fpasswd", "%20", Uri.EscapeDataString(Junk(3000)),
    ];

    private IEnumerable<(string Name, string Text)> BadWholeBodies() =>
    [
        ("null", "null"), ("string", "\"x\""), ("number", "0"), ("array", "[]"), ("array of null", "[null]"), ("empty object", "{}"),
        ("truncated", "{"), ("not JSON", "not json"), ("NUL string", "\"\\u0000\""), ("lone surrogate", "\"\\ud800\""),
        ("deeply nested arrays", new string('[', 5000) + new string(']', 5000)),
        ("deeply nested objects", string.Concat(Enumerable.Repeat("{\"a\":", 300)) + "1" + new string('}', 300)),
        ("over the body limit", "{\"x\":\"" + new string('x', 600 * 1024) + "\"}"),
    ];

    /// <summary>Bad values for one property: wrong types, null, NUL, lone surrogate, a string longer than any column, null items.</summary>
    private IEnumerable<JsonNode?> BadValues() =>
    [
        null, JsonValue.Create(12345), JsonValue.Create(-1), JsonValue.Create(2147483648L), JsonValue.Create(true), JsonValue.Create(""),
        JsonValue.Create("\0"), JsonValue.Create("a\0b"), JsonValue.Create(LoneSurrogate), JsonValue.Create(Junk(20000)), JsonValue.Create("9999-12-31"),
        new JsonArray(), new JsonArray((JsonNode?)null), new JsonArray(JsonValue.Create(Junk(5000))), new JsonArray(new JsonObject()),
        new JsonObject(), new JsonObject { ["x"] = JsonValue.Create(LoneSurrogate) }, new JsonObject { ["x"] = new JsonObject { ["y"] = new JsonArray() } },
    ];

    private IEnumerable<(string Path, JsonNode? Value)> PropertyVariants(JsonElement? schema, int depth)
    {
        if (schema is not { } s || depth > 2 || !s.TryGetProperty("properties", out var props)) yield break;
        foreach (var p in props.EnumerateObject())
        {
            foreach (var bad in BadValues()) yield return (p.Name, bad);
            if (Items(p.Value) is { } items)
                foreach (var (inner, bad) in PropertyVariants(items, depth + 1))
                    yield return ($"{p.Name}[0].{inner}", bad);
        }
    }

    private IEnumerable<FuzzRequest> MultipartBodies(string url)
    {
        var pdf = "%PDF-1.4\n%\u00e2\u00e3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"u8.ToArray();
        FuzzRequest Form(string variant, string? fileName, byte[]? bytes, string? materialCode) => new(variant, url, () =>
        {
            var form = new MultipartFormDataContent();
            if (materialCode is not null) form.Add(new StringContent(materialCode), "materialCode");
            if (fileName is not null)
            {
                var file = new ByteArrayContent(bytes ?? pdf);
                file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
                // Written raw so NUL and long names reach the server as sent.
                file.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"file\"; filename=\"{fileName}\"");
                form.Add(file);
            }
            return form;
        });
        yield return Form("file name with NUL", "a\0b.pdf", null, "M01");
        yield return Form("file name of 3000 characters", Junk(3000) + ".pdf", null, "M01");
        yield return Form("file name empty", "", null, "M01");
        yield return Form("file name path", "../../etc/passwd.pdf", null, "M01");
        yield return Form("empty file", "e.pdf", [], "M01");
        yield return Form("junk file", "j.pdf", Encoding.UTF8.GetBytes(Junk(100)), "M01");
        yield return Form("materialCode with NUL", "a.pdf", null, "M0\01");
        yield return Form("materialCode of 5000 characters", "a.pdf", null, Junk(5000));
        yield return Form("no file", null, null, "M01");
        yield return Form("no fields", null, null, null);
    }

    // ------------------------------------------------------------------ schema and JSON helpers

    private JsonElement Resolve(JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var r))
            return Resolve(document.GetProperty("components").GetProperty("schemas").GetProperty(r.GetString()!.Split('/')[^1]));
        if (schema.TryGetProperty("oneOf", out var one))
            foreach (var s in one.EnumerateArray())
                if (s.TryGetProperty("$ref", out _) || s.TryGetProperty("properties", out _)) return Resolve(s);
        return schema;
    }

    private JsonElement? Items(JsonElement schema)
    {
        var s = Resolve(schema);
        return s.TryGetProperty("items", out var items) ? Resolve(items) : null;
    }

    /// <summary>The example (or an empty object) with <paramref name="path"/> set to <paramref name="value"/>.</summary>
    private static JsonObject With(JsonObject? example, string path, JsonNode? value)
    {
        var root = example?.DeepClone().AsObject() ?? [];
        var parts = path.Split('.');
        JsonObject target = root;
        foreach (var part in parts[..^1])
        {
            var name = part[..part.IndexOf('[')];
            var list = target[name] as JsonArray ?? [];
            target[name] = list;
            if (list.Count == 0 || list[0] is not JsonObject) { list.Clear(); list.Add(new JsonObject()); }
            target = (JsonObject)list[0]!;
        }
        target[parts[^1]] = value?.DeepClone();
        return root;
    }

    /// <summary>Stands for the escaped lone surrogate <c>\ud800</c>, which no writer emits: replaced in the JSON text.</summary>
    private const string LoneSurrogate = "LONE-SURROGATE-MARKER";

    private static StringContent Json(string text) =>
        new(text.Replace($"\"{LoneSurrogate}\"", "\"\\ud800\""), Encoding.UTF8, "application/json");

    /// <summary>Text that mixes CJK, ASCII, an emoji (a valid surrogate pair) and punctuation.</summary>
    private string Junk(int length)
    {
        const string alphabet = "许可证申请材料abcXYZ019-_ .,;'\"<>&%😀";
        var s = new StringBuilder(length);
        while (s.Length < length)
        {
            var i = random.Next(alphabet.Length);
            if (char.IsSurrogate(alphabet[i])) { if (s.Length + 2 <= length) s.Append("😀"); else s.Append('x'); }
            else s.Append(alphabet[i]);
        }
        return s.ToString();
    }

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..20] + $"…({s.Length} chars)";
}
