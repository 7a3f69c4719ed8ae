using System.Globalization;
using Serilog;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Compact;

namespace OneSeal.Platform.Telemetry;

/// <summary>
/// Serilog for every log line: one JSON object per line (CLEF: <c>@t</c>, <c>@m</c>, <c>@l</c>, <c>@tr</c> trace id,
/// <c>@sp</c> span id, properties such as <c>RequestId</c> and <c>CaseId</c>) on standard output, for a log collector.
/// <c>OneSeal:LogFormat</c> = <c>text</c> gives one readable line instead (the default in the Development environment).
/// Levels come from <c>Logging:LogLevel</c> as before. <see cref="PersonalDataMasking"/> is the last enricher.
/// </summary>
public static class LogSetup
{
    public const string FormatKey = "OneSeal:LogFormat";

    /// <summary>What production writes; tests format captured events with it to check what would ship.</summary>
    public static ITextFormatter JsonFormatter { get; } = new RenderedCompactJsonFormatter();

    private const string TextTemplate =
        "{Timestamp:HH:mm:ss.fff} {Level:u3} {SourceContext} {RequestId} {CaseId} {Message:lj}{NewLine}{Exception}";

    public static void AddOneSealLogging(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var format = config[FormatKey] ?? (builder.Environment.IsDevelopment() ? "text" : "json");
        var text = string.Equals(format, "text", StringComparison.OrdinalIgnoreCase);
        // The app's logger lives in DI only (Serilog's static Log.Logger stays untouched): two hosts in one process, as in
        // the tests, each log to their own sinks.
        builder.Services.AddSerilog((services, log) =>
        {
            Levels(log, config.GetSection("Logging:LogLevel"));
            log.Enrich.FromLogContext().ReadFrom.Services(services).Enrich.With<PersonalDataMasking>();
            if (text) log.WriteTo.Console(outputTemplate: TextTemplate, formatProvider: CultureInfo.InvariantCulture);
            else log.WriteTo.Console(JsonFormatter);
        }, preserveStaticLogger: true);
    }

    /// <summary>The Microsoft.Extensions.Logging level settings operators already know, as Serilog levels.</summary>
    private static void Levels(LoggerConfiguration log, IConfigurationSection levels)
    {
        log.MinimumLevel.Is(Level(levels["Default"]) ?? LogEventLevel.Information);
        // Without settings, still no per-request framework lines (they repeat the summary line, with the query string).
        foreach (var quiet in new[] { "Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore" })
            if (levels[quiet] is null) log.MinimumLevel.Override(quiet, LogEventLevel.Warning);
        foreach (var category in levels.GetChildren().Where(c => c.Key != "Default"))
            if (Level(category.Value) is { } level) log.MinimumLevel.Override(category.Key, level);
    }

    private static LogEventLevel? Level(string? name) => name?.ToLowerInvariant() switch
    {
        "trace" => LogEventLevel.Verbose,
        "debug" => LogEventLevel.Debug,
        "information" => LogEventLevel.Information,
        "warning" => LogEventLevel.Warning,
        "error" => LogEventLevel.Error,
        "critical" or "none" => LogEventLevel.Fatal,
        _ => null,
    };
}
