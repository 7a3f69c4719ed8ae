using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OneSeal.Platform.Database;
using OneSeal.Platform.Telemetry;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;
using Serilog.Core;
using Serilog.Events;

namespace OneSeal.Tests.Platform;

/// <summary>
/// Logs and telemetry of a running app (ADR 0010): the JSON lines that would reach standard output, and what an OTLP
/// collector receives, while an applicant signs in and applies and a clerk accepts.
/// </summary>
public abstract class TelemetryTests(TelemetryApp app) : CaseApiTestBase(app)
{
    private const string Phone = "13807960001";

    [Fact]
    public async Task Log_lines_carry_request_trace_and_case_ids_and_no_ID_number_phone_password_or_token()
    {
        var id = await AcceptedCaseAsync();
        var tokens = new[] { await As("applicant"), await As("clerk") }.Select(c => c.DefaultRequestHeaders.Authorization!.Parameter!).ToList();

        var lines = app.Logs.Lines;
        lines.ShouldNotBeEmpty();
        foreach (var secret in tokens.Concat([Demo.CitizenId, Phone, OneSealFactory.DemoPassword]))
            lines.ShouldNotContain(l => l.Contains(secret), $"a log line holds {secret[..6]}…");

        var requests = lines.Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.TryGetProperty("SourceContext", out var s) && s.GetString() == "Serilog.AspNetCore.RequestLoggingMiddleware").ToList();
        requests.ShouldNotBeEmpty(string.Join("\n", lines.TakeLast(30)));
        foreach (var e in requests)
        {
            e.TryGetProperty("RequestId", out _).ShouldBeTrue(e.ToString());
            e.TryGetProperty("@tr", out _).ShouldBeTrue(e.ToString());
        }
        var accept = requests.Single(e => e.GetProperty("RequestPath").GetString() == $"/api/v1/cases/{id}/accept");
        accept.GetProperty("CaseId").GetString().ShouldBe(id.ToString());
        accept.GetProperty("StatusCode").GetInt32().ShouldBe(200);
        var signIn = requests.First(e => e.GetProperty("RequestPath").GetString() == "/api/v1/auth/token");
        signIn.TryGetProperty("CaseId", out _).ShouldBeFalse("signing in acts on no case");
    }

    [Fact]
    public async Task Traces_and_metrics_reach_the_configured_OTLP_endpoint_without_personal_data()
    {
        var id = await AcceptedCaseAsync();

        var traces = await app.Otlp.WaitForAsync("/v1/traces", $"/api/v1/cases/{{id:guid}}/accept");
        var metrics = await app.Otlp.WaitForAsync("/v1/metrics", "oneseal.deadline_sweep.duration");
        // The accept went through the case machine's one apply point, which counts it by action.
        // (the apply before it was counted as "submitted" first: wait for an export made after the accept).
        (await app.Otlp.WaitForAsync("/v1/metrics", "accepted")).ShouldContain("oneseal.case.transitions");
        traces.ShouldContain(id.ToString(), customMessage: "the trace of a request on a case carries the case id");
        if (Provider == DatabaseProvider.Postgres) traces.ShouldContain("postgresql", customMessage: "Npgsql's spans");
        // An export need not carry every instrument (the sweep's may come in one without requests): wait for one that does.
        metrics = await app.Otlp.WaitForAsync("/v1/metrics", "http.server.request.duration");
        foreach (var body in new[] { traces, metrics })
        {
            body.ShouldNotContain(Demo.CitizenId);
            body.ShouldNotContain(Phone);
        }
    }
}

[Trait("Provider", "Sqlite")]
public sealed class TelemetryTests_Sqlite(TelemetrySqliteApp app) : TelemetryTests(app), IClassFixture<TelemetrySqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class TelemetryTests_Postgres(TelemetryPostgresApp app) : TelemetryTests(app), IClassFixture<TelemetryPostgresApp>;

/// <summary>
/// The app with an OTLP endpoint (a local receiver, http/protobuf, short export intervals), a deadline sweep that runs
/// once at start, and every log event also formatted as production formats it, into <see cref="Logs"/>.
/// </summary>
public abstract class TelemetryApp : OneSealFactory
{
    protected TelemetryApp(DatabaseProvider provider) : this(provider, new OtlpReceiver(), new LogCapture()) { }

    private TelemetryApp(DatabaseProvider provider, OtlpReceiver otlp, LogCapture logs) : base(provider, new OneSealFactoryOptions
    {
        Settings = new Dictionary<string, string?>
        {
            [TelemetrySetup.EndpointKey] = otlp.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "300",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["Deadlines:SweepSeconds"] = "3600",
            [LogSetup.FormatKey] = "json",
            ["Logging:LogLevel:" + RequestLogCategory] = "Information",
        },
        Services = s => s.AddSingleton<ILogEventSink>(logs),
    })
    {
        Otlp = otlp;
        Logs = logs;
    }

    public OtlpReceiver Otlp { get; }
    public LogCapture Logs { get; }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Otlp.Dispose();
    }
}

public sealed class TelemetrySqliteApp() : TelemetryApp(DatabaseProvider.Sqlite);

public sealed class TelemetryPostgresApp() : TelemetryApp(DatabaseProvider.Postgres);

/// <summary>Every event, as the JSON line production would write.</summary>
public sealed class LogCapture : ILogEventSink
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public void Emit(LogEvent logEvent)
    {
        using var writer = new StringWriter();
        LogSetup.JsonFormatter.Format(logEvent, writer);
        _lines.Enqueue(writer.ToString().TrimEnd());
    }
}

/// <summary>
/// A stand-in OpenTelemetry collector: accepts OTLP/HTTP exports on a loopback port and keeps each body by path.
/// Protobuf keeps strings as UTF-8 bytes, so names and attribute values can be looked for in the raw body.
/// </summary>
public sealed class OtlpReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<(string Path, string Body)> _received = new();

    public OtlpReceiver()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Endpoint = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}";
        }
        _listener.Prefixes.Add(Endpoint + "/");
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public string Endpoint { get; }

    /// <summary>All bodies received on <paramref name="path"/> so far, once one contains <paramref name="text"/>.</summary>
    public async Task<string> WaitForAsync(string path, string text)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var bodies = string.Join("\n", _received.Where(r => r.Path == path).Select(r => r.Body));
            if (bodies.Contains(text, StringComparison.Ordinal)) return bodies;
            if (DateTime.UtcNow > until)
                throw new TimeoutException($"No OTLP export to {path} contained '{text}' within 30 s ({_received.Count} exports received).");
            await Task.Delay(100);
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
            using (var body = new MemoryStream())
            {
                await context.Request.InputStream.CopyToAsync(body);
                _received.Enqueue((context.Request.Url!.AbsolutePath, Encoding.UTF8.GetString(body.ToArray())));
            }
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }

    public void Dispose() => _listener.Close();
}

public sealed class OneSealMetricsTests
{
    [Fact]
    public void A_case_transition_is_counted_by_action()
    {
        using var metrics = new MetricCapture();
        OneSealMetrics.CaseTransition("metrics-test-accept");
        metrics.Of("oneseal.case.transitions").ShouldContain(m => m.Value == 1 && m.Tag("action") == "metrics-test-accept");
    }
}

/// <summary>The mask under every log line, on its own.</summary>
public sealed class PersonalDataMaskingTests
{
    [Theory]
    [InlineData("360999199003071239", "360***39")]
    [InlineData("11010519491231002X", "110***2X")]
    [InlineData("手机 13807960001。", "手机 138***01。")]
    [InlineData("token CfDJ8FuK4aUVwUBJmiwnyNrSqpOvJPBHVMBZk8aok0qfkTzkn3f end", "token [protected] end")]
    [InlineData("QS20261121-0007 and 2f79efb0-1111-4a4a-8b8b-123456789012", "QS20261121-0007 and 2f79efb0-1111-4a4a-8b8b-123456789012")]
    [InlineData("1234567890123456789", "1234567890123456789")]
    public void Masks_ID_numbers_mobile_numbers_and_protected_values_and_nothing_else(string text, string logged)
    {
        var sink = new LogCapture();
        using (var logger = new Serilog.LoggerConfiguration().Enrich.With<PersonalDataMasking>().WriteTo.Sink(sink).CreateLogger())
            logger.Information("Value {Value} in {@Form}", text, new { Nested = new[] { text } });

        var line = JsonDocument.Parse(sink.Lines.Single()).RootElement;
        line.GetProperty("Value").GetString().ShouldBe(logged);
        line.GetProperty("Form").GetProperty("Nested")[0].GetString().ShouldBe(logged);
        line.GetProperty("@m").GetString()!.ShouldStartWith("Value " + JsonSerializer.Serialize(logged, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }
}
