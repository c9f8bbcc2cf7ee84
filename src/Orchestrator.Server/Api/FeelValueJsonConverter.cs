using System.Text.Json;
using System.Text.Json.Serialization;
using Orchestrator.Feel.Json;
using Orchestrator.Feel.Values;

namespace Orchestrator.Server.Api;

/// <summary>Variables travel as plain JSON; inside they are FEEL values.</summary>
public sealed class FeelValueJsonConverter : JsonConverter<FeelValue>
{
    /// <inheritdoc />
    public override bool HandleNull => true;

    /// <inheritdoc />
    public override FeelValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return FeelJson.FromJson(document.RootElement);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, FeelValue value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        FeelJson.Write(writer, value ?? FeelNull.Instance);
    }
}
