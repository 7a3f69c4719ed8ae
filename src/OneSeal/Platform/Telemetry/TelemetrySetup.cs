using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace OneSeal.Platform.Telemetry;

/// <summary>
/// Traces (requests, outgoing HTTP, PostgreSQL commands) and metrics (<see cref="OneSealMetrics"/>, ASP.NET Core, HTTP
/// client, Npgsql) over OTLP — only when an endpoint is configured: <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (environment) or
/// <c>OpenTelemetry:OtlpEndpoint</c>. Without one the OpenTelemetry SDK is not even registered, so nothing is collected
/// or sent. The other standard <c>OTEL_*</c> variables (protocol, headers, service name, export intervals) apply as usual.
/// </summary>
public static class TelemetrySetup
{
    public const string EndpointKey = "OpenTelemetry:OtlpEndpoint";
    private const string StandardEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static void AddOneSealTelemetry(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        if (string.IsNullOrWhiteSpace(config[StandardEndpointKey]))
        {
            if (string.IsNullOrWhiteSpace(config[EndpointKey])) return;
            // The exporter reads the standard key (and appends /v1/traces, /v1/metrics for http/protobuf) from configuration.
            config.AddInMemoryCollection([new(StandardEndpointKey, config[EndpointKey])]);
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(config["OTEL_SERVICE_NAME"] ?? "oneseal"))
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation(o => o.Filter = http => http.Request.Path != "/health")
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddOtlpExporter())
            .WithMetrics(m => m
                .AddMeter(OneSealMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddOtlpExporter());
    }
}
