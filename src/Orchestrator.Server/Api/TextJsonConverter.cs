using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orchestrator.Server.Api;

/// <summary>
/// Every text field of a request (an assignee, an error message, a business key, a worker's name...) is refused when it holds
/// a NUL character (<c>\u0000</c>): PostgreSQL's text columns cannot hold one, so storing it would fail the commit and stop
/// the server. Variables are read by <see cref="FeelValueJsonConverter"/> (their values are stored as escaped JSON; the engine
/// refuses a NUL in their names).
/// </summary>
public sealed class TextJsonConverter : JsonConverter<string>
{
    /// <inheritdoc />
    public override bool HandleNull => false;

    /// <inheritdoc />
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return text is not null && text.Contains('\0', StringComparison.Ordinal)
            ? throw new JsonException("a text field holds a NUL character (\\u0000), which nothing stores")
            : text;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }
}
