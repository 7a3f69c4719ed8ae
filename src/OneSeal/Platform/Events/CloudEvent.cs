using System.Text.Json;
using System.Text.Json.Nodes;

namespace OneSeal.Platform.Events;

/// <summary>
/// The one JSON envelope every channel carries (webhooks, the broker, the pull feed): CloudEvents 1.0 structured mode,
/// <c>application/cloudevents+json</c>. <c>source</c> names this deployment (<c>Events:Source</c>, default
/// <c>urn:oneseal</c>); <c>id</c> is the event's own and stays the same on every redelivery, so receivers deduplicate by it.
/// </summary>
public static class CloudEvent
{
    public const string ContentType = "application/cloudevents+json";
    public const string SpecVersion = "1.0";

    public static string SourceOf(IConfiguration config) => config["Events:Source"] is { Length: > 0 } s ? s : "urn:oneseal";

    public static JsonObject Envelope(EventRecord e, string source) => new()
    {
        ["specversion"] = SpecVersion,
        ["id"] = e.Id.ToString(),
        ["source"] = source,
        ["type"] = e.Type,
        ["subject"] = e.Subject,
        ["time"] = e.Time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture),
        ["datacontenttype"] = "application/json",
        ["sequence"] = e.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["data"] = JsonNode.Parse(e.Data),
    };

    /// <summary>The envelope as sent: compact UTF-8 JSON, Chinese unescaped (a signature covers these exact bytes).</summary>
    public static string Serialize(EventRecord e, string source) => Envelope(e, source).ToJsonString(EventLog.Json);
}
