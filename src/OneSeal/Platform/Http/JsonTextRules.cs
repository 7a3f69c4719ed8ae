using System.Text.Json;
using System.Text.Json.Serialization;

namespace OneSeal.Platform.Http;

/// <summary>
/// The API's JSON reading refuses text that cannot be stored (<see cref="TextRules"/>): in every string property and
/// anywhere inside a free-form object such as a case's <c>form</c>. The refusal is a 400 naming the field by its JSON
/// path (<c>form.x</c>, <c>materials[0].name</c>), mapped in <see cref="Problems"/>.
/// </summary>
public static class JsonTextRules
{
    public static IServiceCollection AddJsonTextRules(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Insert(0, new CheckedString());
            o.SerializerOptions.Converters.Insert(0, new CheckedElement());
        });

    /// <summary>The JSON field that broke a rule: the reader's path at the value, plus the path inside it.</summary>
    public static string FieldOf(TextRuleException e)
    {
        var path = (e.Path ?? "$").TrimStart('$').TrimStart('.') + e.Inner;
        return path.TrimStart('.') is { Length: > 0 } f ? f : "body";
    }

    private sealed class CheckedString : JsonConverter<string>
    {
        public override bool HandleNull => false;

        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String) throw new TextRuleException("", "type", "应为文本（字符串）。");
            return Checked(ref reader, "");
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }

    private sealed class CheckedElement : JsonConverter<JsonElement>
    {
        public override JsonElement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var doc = JsonDocument.ParseValue(ref reader);
            Walk(doc.RootElement, "");
            return doc.RootElement.Clone();
        }

        public override void Write(Utf8JsonWriter writer, JsonElement value, JsonSerializerOptions options) => value.WriteTo(writer);

        private static void Walk(JsonElement e, string path)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var p in e.EnumerateObject())
                    {
                        var name = Decoded(() => p.Name, path);
                        var at = path + "." + (TextRules.IsClean(name) ? name : throw Bad(path));
                        Walk(p.Value, at);
                    }
                    break;
                case JsonValueKind.Array:
                    var i = 0;
                    foreach (var item in e.EnumerateArray()) Walk(item, $"{path}[{i++}]");
                    break;
                case JsonValueKind.String:
                    if (!TextRules.IsClean(Decoded(e.GetString, path))) throw Bad(path);
                    break;
            }
        }

        private static string Decoded(Func<string?> read, string path)
        {
            // System.Text.Json refuses to decode an escaped lone surrogate ("\ud800") into a string.
            try { return read() ?? ""; }
            catch (InvalidOperationException) { throw Bad(path); }
        }
    }

    private static string Checked(ref Utf8JsonReader reader, string path)
    {
        string? value;
        try { value = reader.GetString(); }
        catch (InvalidOperationException) { throw Bad(path); }
        return TextRules.IsClean(value) ? value! : throw Bad(path);
    }

    private static TextRuleException Bad(string path) => new(path, TextRules.InvalidCharacters, "含有不允许的字符（空字符 NUL 或不成对的 UTF-16 代理项）。");
}

/// <summary>A JSON value broke a text rule; <see cref="JsonException.Path"/> is filled in by the serializer.</summary>
public sealed class TextRuleException(string inner, string rule, string message) : JsonException(message)
{
    /// <summary>The path inside the value the converter read (empty for a plain string).</summary>
    public string Inner { get; } = inner;
    public string Rule { get; } = rule;
}
