using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Api.Fuzz;

/// <summary>
/// Defect 16: every operation the OpenAPI document lists, sent generated bad input (<see cref="ApiFuzzer"/>) anonymously
/// and as the role that uses it, never answers with a 5xx. One failure lists every operation and input that did.
/// </summary>
public abstract class ApiFuzzTests(OneSealFactory app) : CaseApiTestBase(app)
{
    private const int Seed = 8016;

    [Fact]
    public async Task Defect16_no_operation_answers_generated_bad_input_with_a_server_error()
    {
        using var doc = JsonDocument.Parse(await Anonymous().GetStringAsync("/openapi/v1.json"));
        var fuzzer = new ApiFuzzer(doc.RootElement, Seed);
        var applicant = await As("applicant");
        var draft = (await CreateCaseAsync(applicant)).Id;
        var submitted = await SubmittedCaseAsync();
        var clients = new Dictionary<string, (HttpClient Client, Dictionary<string, string> Good)>
        {
            ["anonymous"] = (Anonymous(), Good(submitted)),
            ["applicant"] = (applicant, Good(draft)),
            ["company"] = (await As("company"), Good(draft)),
        };
        foreach (var who in new[] { "clerk", "reviewer", "chief", "winchief", "cashier", "dept", "admin", "secadmin", "auditor", "exchange" })
            clients[who] = (await As(who), Good(submitted));

        var failures = new List<string>();
        var sent = 0;
        var used = new HashSet<string>();
        var watch = Stopwatch.StartNew();
        foreach (var op in fuzzer.Operations())
            foreach (var who in CallersOf(op))
            {
                var (client, good) = clients[who];
                var requests = fuzzer.Requests(op, good, Example(op));
                // Without a token a secured operation answers 401 before binding: two requests show that path holds.
                if (who == "anonymous" && op.Secured) requests = requests.Take(2);
                foreach (var request in requests)
                {
                    sent++;
                    used.Add(who);
                    var failure = await SendAsync(client, op, request);
                    if (failure is not null) failures.Add($"{op.Method} {op.Path} as {who}, {request.Variant}: {failure}");
                }
            }

        failures.ShouldBeEmpty($"{failures.Count} of {sent} requests failed in {watch.Elapsed.TotalSeconds:0}s:\n" + string.Join('\n', failures.Take(300)));
        used.ShouldBe(clients.Keys, ignoreOrder: true, "every demo role should reach the operations it uses");
        sent.ShouldBeGreaterThan(1000, "the document should give every operation its bad inputs");
    }

    private static async Task<string?> SendAsync(HttpClient client, FuzzOperation op, FuzzRequest request)
    {
        using var message = new HttpRequestMessage(new HttpMethod(op.Method), new Uri(request.Url, UriKind.Relative)) { Content = request.Body() };
        try
        {
            using var response = await client.SendAsync(message);
            if ((int)response.StatusCode < 500) return null;
            var body = await response.Content.ReadAsStringAsync();
            return $"{(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}";
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
    }

    /// <summary>
    /// Anonymous for everything, plus the demo account whose role uses the operation, so bad input reaches the handler
    /// behind the role check (a role refused at the door never exercises the command).
    /// </summary>
    private static IEnumerable<string> CallersOf(FuzzOperation op) => ["anonymous", .. RolesFor(op.Path)];

    private static string[] RolesFor(string path) => path switch
    {
        _ when path.StartsWith("/api/v1/cases/{id}/review") || path.EndsWith("/joint-review") || path.EndsWith("/opinion") => ["reviewer"],
        _ when path.EndsWith("/decide") || path.EndsWith("/revoke") || path.EndsWith("/extend") => ["chief"],
        _ when path.EndsWith("/decide-at-window") || path.EndsWith("/fee-relief") => ["winchief"],
        _ when path.EndsWith("/payments") || path.EndsWith("/refund") || path.StartsWith("/api/v1/payments") => ["cashier"],
        _ when path.StartsWith("/api/v1/cases") => ["applicant", "clerk"],
        _ when path.StartsWith("/api/v1/certificates") || path.StartsWith("/api/v1/seal") || path.StartsWith("/api/v1/notices") => ["chief"],
        _ when path.StartsWith("/api/v1/audit") => ["auditor"],
        _ when path.StartsWith("/api/v1/admin/security") || path.EndsWith("/roles") => ["secadmin"],
        _ when path.StartsWith("/api/v1/events") => ["exchange"],
        _ when path.Contains("/acknowledge") => ["chief"],
        _ when path.StartsWith("/api/v1/supervision") || path.StartsWith("/api/v1/policies") => ["dept"],
        _ when path.StartsWith("/api/v1/my/") => ["company"],
        _ when path.StartsWith("/api/v1/appointments") || path.StartsWith("/api/v1/ratings") => ["applicant"],
        _ when path.StartsWith("/api/v1/queue/windows") || path.StartsWith("/api/v1/enquiries") => ["clerk"],
        _ when path.StartsWith("/api/v1/windows") || path.StartsWith("/api/v1/queue/stats") => ["winchief"],
        _ when path.StartsWith("/api/v1/auth") || path.StartsWith("/api/v1/accounts") || path.StartsWith("/api/v1/applicants") => [],
        _ when path.StartsWith("/api/v1/") => ["admin"],
        _ => [],
    };

    private static Dictionary<string, string> Good(Guid caseId) => new()
    {
        ["id"] = caseId.ToString(), ["materialId"] = Guid.NewGuid().ToString(), ["noticeId"] = Guid.NewGuid().ToString(),
        ["code"] = Demo.FoodLicence, ["number"] = "QS-0000001", ["year"] = "2031", ["from"] = "2026-03-02", ["to"] = "2026-03-20",
        ["days"] = "3", ["page"] = "1", ["pageSize"] = "20", ["version"] = "1", ["q"] = "食品", ["drafts"] = "true", ["scope"] = "mine",
    };

    /// <summary>Valid bodies to vary one property at a time, so a bad value reaches the command behind the binding.</summary>
    private static JsonObject? Example(FuzzOperation op) => op.Path switch
    {
        "/api/v1/auth/token" => new() { ["username"] = "nobody", ["password"] = "wrong" },
        "/api/v1/cases" => new() { ["itemCode"] = Demo.FoodLicence, ["form"] = JsonSerializer.SerializeToNode(Demo.FoodLicenceForm()) },
        "/api/v1/cases/{id}/request-correction" => new() { ["missing"] = new JsonArray("M01"), ["note"] = "请补正" },
        "/api/v1/cases/{id}/refuse" or "/api/v1/cases/{id}/extend" or "/api/v1/cases/{id}/withdraw" or "/api/v1/cases/{id}/terminate"
            or "/api/v1/cases/{id}/revoke"
            => new() { ["reason"] = "理由" },
        "/api/v1/cases/{id}/review" => new() { ["opinion"] = "同意", ["recommend"] = "approve" },
        "/api/v1/cases/{id}/decide" => new() { ["approve"] = false, ["reason"] = "不符合条件" },
        "/api/v1/cases/{id}/suspend" => new() { ["kind"] = "expert-review", ["reason"] = "专家评审", ["expectedDays"] = 5 },
        "/api/v1/cases/{id}/commit" => new() { ["kind"] = "tolerance", ["text"] = "承诺", ["materials"] = new JsonArray("M02"), ["supplyBy"] = "2026-12-31" },
        "/api/v1/cases/{id}/deliver" => new() { ["mode"] = "post", ["trackingNumber"] = "SF123" },
        "/api/v1/calendar/closures" => new() { ["date"] = "2031-05-06", ["name"] = "停电" },
        "/api/v1/certificates/{number}/revoke" => new() { ["reason"] = "错误" },
        _ => null,
    };
}

[Trait("Provider", "Sqlite")]
public sealed class ApiFuzzTests_Sqlite(SqliteApp app) : ApiFuzzTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class ApiFuzzTests_Postgres(PostgresApp app) : ApiFuzzTests(app), IClassFixture<PostgresApp>;
