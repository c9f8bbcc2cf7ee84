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
        // The serializer adds where to the refusal of a number out of range (the exception's path); the problem response says it.
        return FeelJson.FromJsonStrictly(document.RootElement);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, FeelValue value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        FeelJson.Write(writer, value ?? FeelNull.Instance);
    }
}
