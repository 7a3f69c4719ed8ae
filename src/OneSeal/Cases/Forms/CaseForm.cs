using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using OneSeal.Catalog;
using OneSeal.Platform.Security;

namespace OneSeal.Cases.Forms;

/// <summary>
/// A case's application form as stored in <c>cases.form_json</c>: a JSON object whose plain fields are strings and whose
/// personal fields (<see cref="IsPersonal"/>) are <c>{"protected": "…"}</c>, encrypted with <see cref="PersonalData"/>
/// (docs/decisions/0008-personal-data-at-rest.md). A string is never mistaken for a protected value, so rows written
/// before encryption read the same way until the start-up step rewrites them (<see cref="LegacyFormProtection"/>).
/// </summary>
public static class CaseForm
{
    private const string ProtectedMember = "protected";

    // Chinese stays as characters: one character each instead of a six-character \uXXXX escape (the column holds 20,000).
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    /// <summary>Field kinds that identify or locate a person: citizen ID, credit code, phone number, home address.</summary>
    public static bool IsPersonal(FormFieldType type) =>
        type is FormFieldType.CitizenId or FormFieldType.Uscc or FormFieldType.Phone or FormFieldType.Address;

    /// <summary>The form as stored: checked values, each personal one encrypted.</summary>
    public static string Write(IReadOnlyDictionary<string, string> values, IEnumerable<ItemFormField> fields, PersonalData personalData)
    {
        var personal = fields.Where(f => IsPersonal(f.Type)).Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        var stored = new JsonObject();
        foreach (var (key, value) in values)
            stored[key] = personal.Contains(key) ? new JsonObject { [ProtectedMember] = personalData.Protect(value) } : JsonValue.Create(value);
        return stored.ToJsonString(Compact);
    }

    /// <summary>The form in clear, for code that needs the whole values (validation, the certificate's holder). Never store the result.</summary>
    public static Dictionary<string, string?> Read(Case c, PersonalData personalData) => Read(c.FormJson, personalData);

    public static Dictionary<string, string?> Read(string formJson, PersonalData personalData)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (JsonNode.Parse(formJson) is not JsonObject stored) return result;
        foreach (var (key, node) in stored)
            result[key] = node switch
            {
                JsonObject o when o[ProtectedMember] is JsonValue p => personalData.Unprotect(p.GetValue<string>()),
                JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
                null => null,
                _ => node.ToJsonString(),
            };
        return result;
    }
}
