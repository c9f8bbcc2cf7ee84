using System.Text.Json;
using System.Text.Json.Serialization;
using Orchestrator.Feel.Json;
using Orchestrator.Feel.Values;

namespace Orchestrator.Server.Api;

/// <summary>
/// Variables travel as plain JSON; inside they are FEEL values. A number FEEL cannot hold is refused: read as FEEL reads it, it
/// would become null, and the value a client sent would be lost without a word.
/// </summary>
public sealed class FeelValueJsonConverter : JsonConverter<FeelValue>
{
    /// <inheritdoc />
    public override bool HandleNull => true;

    /// <inheritdoc />
    public override FeelValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        if (OutOfRange(document.RootElement) is { } number)
        {
            // The serializer names where (the exception's path); the problem response says it.
            throw new JsonException($"the number {number} is outside the range of FEEL numbers (about ±7.9e28); send it as a string");
        }

        return FeelJson.FromJson(document.RootElement);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, FeelValue value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        FeelJson.Write(writer, value ?? FeelNull.Instance);
    }

    /// <summary>The first number (its text) that a decimal cannot hold, or null.</summary>
    private static string? OutOfRange(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => element.TryGetDecimal(out _) ? null : element.GetRawText(),
        JsonValueKind.Object => element.EnumerateObject().Select(p => OutOfRange(p.Value)).FirstOrDefault(n => n is not null),
        JsonValueKind.Array => element.EnumerateArray().Select(OutOfRange).FirstOrDefault(n => n is not null),
        _ => null,
    };
}
