using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orchestrator.Server.Api;

/// <summary>Dates as Camunda writes them: UTC with <c>Z</c> and milliseconds (<c>2030-01-16T10:30:45.000Z</c>); any ISO 8601 offset is read.</summary>
public sealed class IsoDateJsonConverter : JsonConverter<DateTimeOffset>
{
    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : throw new JsonException($"'{reader.GetString()}' is not an ISO 8601 date-time");

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Format(value));
    }

    /// <summary>The wire form of a date.</summary>
    public static string Format(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
