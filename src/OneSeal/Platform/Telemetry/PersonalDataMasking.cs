using System.Text.RegularExpressions;
using Serilog.Core;
using Serilog.Events;

namespace OneSeal.Platform.Telemetry;

/// <summary>
/// A safety net under the rule that logs carry no personal data (PIPL Art. 51): whatever a log call or a library puts in a
/// property, an 18-character ID number, a mainland mobile number or a Data Protection ciphertext (protected fields, bearer
/// tokens: <c>CfDJ8…</c>) is masked before any sink sees it. Exception texts are not rewritten; code must not put
/// personal data in them.
/// </summary>
public sealed partial class PersonalDataMasking : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        foreach (var (name, value) in logEvent.Properties.ToList())
            if (Mask(value) is { } masked) logEvent.AddOrUpdateProperty(new LogEventProperty(name, masked));
    }

    public static string Mask(string text) =>
        Secrets().Replace(text, m => m.Value.StartsWith("CfDJ8", StringComparison.Ordinal) ? "[protected]" : m.Value[..3] + "***" + m.Value[^2..]);

    /// <summary>The value with every personal string masked, or null when nothing in it needed masking.</summary>
    private static LogEventPropertyValue? Mask(LogEventPropertyValue value)
    {
        switch (value)
        {
            case ScalarValue { Value: string s } when Secrets().IsMatch(s):
                return new ScalarValue(Mask(s));
            case SequenceValue seq:
                var items = seq.Elements.Select(e => Mask(e) ?? e).ToList();
                return items.SequenceEqual(seq.Elements) ? null : new SequenceValue(items);
            case StructureValue st:
                var props = st.Properties.Select(p => Mask(p.Value) is { } m ? new LogEventProperty(p.Name, m) : p).ToList();
                return props.SequenceEqual(st.Properties) ? null : new StructureValue(props, st.TypeTag);
            case DictionaryValue dict:
                var entries = dict.Elements.Select(kv => new KeyValuePair<ScalarValue, LogEventPropertyValue>(kv.Key, Mask(kv.Value) ?? kv.Value)).ToList();
                return entries.Select(e => e.Value).SequenceEqual(dict.Elements.Select(e => e.Value)) ? null : new DictionaryValue(entries);
            default:
                return null;
        }
    }

    // ID numbers (GB 11643: 17 digits and a check digit or X), mobile numbers (1[3-9] and 9 digits), standing alone in
    // digit runs; Data Protection payloads (base64url after the CfDJ8 magic header).
    [GeneratedRegex(@"(?<![0-9])(?:[0-9]{17}[0-9Xx]|1[3-9][0-9]{9})(?![0-9])|CfDJ8[A-Za-z0-9_-]{20,}")]
    private static partial Regex Secrets();
}
