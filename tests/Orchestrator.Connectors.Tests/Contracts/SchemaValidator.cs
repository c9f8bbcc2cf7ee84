using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Orchestrator.Connectors.Tests.Contracts;

/// <summary>
/// Checks a JSON value against an OpenAPI 3.0 schema as far as the contracts use it: types and <c>nullable</c>,
/// required and known properties (objects are closed: a property the document does not name is an error), array
/// items, enums, <c>minimum</c>/<c>maximum</c> and the formats <c>date-time</c>, <c>date</c> and <c>uri</c>.
/// </summary>
public static class SchemaValidator
{
    // RFC 3339: an offset or Z is required, a fraction of a second is not.
    private static readonly string[] DateTimeFormats = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"];

    /// <summary>Every way <paramref name="value"/> breaks <paramref name="schema"/>, each prefixed with its JSON path.</summary>
    public static IReadOnlyList<string> Validate(JsonNode? value, IOpenApiSchema schema, string path = "$")
    {
        var errors = new List<string>();
        Check(value, schema, path, errors);
        return errors;
    }

    private static void Check(JsonNode? value, IOpenApiSchema schema, string path, List<string> errors)
    {
        var type = schema.Type ?? throw new InvalidDataException($"{path}: the schema has no type");
        if (value is null)
        {
            if (!type.HasFlag(JsonSchemaType.Null))
            {
                errors.Add($"{path}: null, but the schema is not nullable");
            }

            return;
        }

        var kind = value.GetValueKind();
        if (!Matches(type, kind, value))
        {
            errors.Add($"{path}: {kind} where the schema says {type}");
            return;
        }

        if (schema.Enum is { Count: > 0 } allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
        {
            errors.Add($"{path}: {value.ToJsonString()} is not one of {string.Join(", ", allowed.Select(a => a?.ToJsonString() ?? "null"))}");
        }

        switch (kind)
        {
            case JsonValueKind.Object:
                CheckObject(value.AsObject(), schema, path, errors);
                break;
            case JsonValueKind.Array:
                var items = schema.Items ?? throw new InvalidDataException($"{path}: an array schema without items");
                var array = value.AsArray();
                for (var i = 0; i < array.Count; i++)
                {
                    Check(array[i], items, $"{path}[{i}]", errors);
                }

                break;
            case JsonValueKind.Number:
                CheckRange(value.GetValue<decimal>(), schema, path, errors);
                break;
            case JsonValueKind.String:
                CheckFormat(value.GetValue<string>(), schema.Format, path, errors);
                break;
        }
    }

    private static bool Matches(JsonSchemaType type, JsonValueKind kind, JsonNode value) => kind switch
    {
        JsonValueKind.Object => type.HasFlag(JsonSchemaType.Object),
        JsonValueKind.Array => type.HasFlag(JsonSchemaType.Array),
        JsonValueKind.String => type.HasFlag(JsonSchemaType.String),
        JsonValueKind.True or JsonValueKind.False => type.HasFlag(JsonSchemaType.Boolean),
        JsonValueKind.Number => type.HasFlag(JsonSchemaType.Number)
            || (type.HasFlag(JsonSchemaType.Integer) && decimal.IsInteger(value.GetValue<decimal>())),
        _ => false,
    };

    private static void CheckObject(JsonObject value, IOpenApiSchema schema, string path, List<string> errors)
    {
        var properties = schema.Properties ?? new Dictionary<string, IOpenApiSchema>();
        foreach (var required in schema.Required ?? new HashSet<string>())
        {
            if (!value.ContainsKey(required))
            {
                errors.Add($"{path}: required property '{required}' is missing");
            }
        }

        foreach (var (name, property) in value)
        {
            if (properties.TryGetValue(name, out var propertySchema))
            {
                Check(property, propertySchema, $"{path}.{name}", errors);
            }
            else
            {
                errors.Add($"{path}: property '{name}' is not in the document");
            }
        }
    }

    private static void CheckRange(decimal number, IOpenApiSchema schema, string path, List<string> errors)
    {
        if (schema.Minimum is { } minimum && number < decimal.Parse(minimum, CultureInfo.InvariantCulture))
        {
            errors.Add($"{path}: {number} is below the minimum {minimum}");
        }

        if (schema.Maximum is { } maximum && number > decimal.Parse(maximum, CultureInfo.InvariantCulture))
        {
            errors.Add($"{path}: {number} is above the maximum {maximum}");
        }
    }

    private static void CheckFormat(string text, string? format, string path, List<string> errors)
    {
        var valid = format switch
        {
            "date-time" => DateTimeOffset.TryParseExact(text, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            "date" => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            "uri" => Uri.TryCreate(text, UriKind.Absolute, out _),
            _ => true,
        };
        if (!valid)
        {
            errors.Add($"{path}: '{text}' is not a {format}");
        }
    }
}
