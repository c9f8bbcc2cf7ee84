using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.OpenApi;

namespace Orchestrator.Connectors.Tests.Contracts;

/// <summary>
/// Compares a connector record, as <see cref="ConnectorJsonContext"/> (de)serialises it, with a schema: every JSON
/// property of the record is in the schema with a compatible type, recursively. A request record must also carry
/// every property the schema requires; a response record's property that cannot be null must be required and not
/// nullable in the schema (else the API may leave it out and the client read a null it does not expect).
/// </summary>
public static class RecordShape
{
    /// <summary>How <paramref name="type"/>, sent as a request body, breaks <paramref name="schema"/>.</summary>
    public static IReadOnlyList<string> AsRequest(Type type, IOpenApiSchema schema) => Compare(type, schema, "$", request: true);

    /// <summary>How <paramref name="type"/>, read from an answer, breaks <paramref name="schema"/>.</summary>
    public static IReadOnlyList<string> AsResponse(Type type, IOpenApiSchema schema) => Compare(type, schema, "$", request: false);

    private static List<string> Compare(Type type, IOpenApiSchema schema, string path, bool request)
    {
        var errors = new List<string>();
        var clr = Nullable.GetUnderlyingType(type) ?? type;
        var info = ConnectorJsonContext.Default.GetTypeInfo(clr) ?? throw new InvalidOperationException($"{path}: {clr} is not in ConnectorJsonContext");
        var expected = info.Kind switch
        {
            JsonTypeInfoKind.Object => JsonSchemaType.Object,
            JsonTypeInfoKind.Enumerable => JsonSchemaType.Array,
            _ => Scalar(clr),
        };
        if (expected is not { } kind)
        {
            return errors; // JsonElement: any JSON
        }

        if (schema.Type is not { } actual || (actual & kind) == 0 && !(kind == JsonSchemaType.Number && actual.HasFlag(JsonSchemaType.Integer)))
        {
            errors.Add($"{path}: {clr.Name} is {kind}, the schema says {schema.Type}");
            return errors;
        }

        if (clr == typeof(DateTimeOffset) && schema.Format != "date-time")
        {
            errors.Add($"{path}: DateTimeOffset, but the schema's format is '{schema.Format}', not date-time");
        }

        if (info.Kind == JsonTypeInfoKind.Enumerable)
        {
            errors.AddRange(schema.Items is { } items ? Compare(info.ElementType!, items, path + "[]", request) : [$"{path}: an array schema without items"]);
        }
        else if (info.Kind == JsonTypeInfoKind.Object)
        {
            errors.AddRange(CompareProperties(info, schema, path, request));
        }

        return errors;
    }

    private static IEnumerable<string> CompareProperties(JsonTypeInfo info, IOpenApiSchema schema, string path, bool request)
    {
        var properties = schema.Properties ?? new Dictionary<string, IOpenApiSchema>();
        var required = schema.Required ?? new HashSet<string>();
        foreach (var property in info.Properties)
        {
            if (!properties.TryGetValue(property.Name, out var propertySchema))
            {
                yield return $"{path}.{property.Name}: not in the schema (it has {string.Join(", ", properties.Keys)})";
                continue;
            }

            var neverNull = property.PropertyType.IsValueType ? Nullable.GetUnderlyingType(property.PropertyType) is null : !property.IsSetNullable;
            if (!request && neverNull && (!required.Contains(property.Name) || propertySchema.Type?.HasFlag(JsonSchemaType.Null) == true))
            {
                yield return $"{path}.{property.Name}: the record cannot take null, but the schema does not require it (or allows null)";
            }

            foreach (var error in Compare(property.PropertyType, propertySchema, $"{path}.{property.Name}", request))
            {
                yield return error;
            }
        }

        if (request)
        {
            foreach (var name in required.Where(name => info.Properties.All(p => p.Name != name)))
            {
                yield return $"{path}.{name}: the schema requires it, the record does not have it";
            }
        }
    }

    private static JsonSchemaType? Scalar(Type type) =>
        type == typeof(string) || type == typeof(DateTimeOffset) || type == typeof(DateOnly) || type == typeof(Uri) || type.IsEnum ? JsonSchemaType.String
        : type == typeof(bool) ? JsonSchemaType.Boolean
        : type == typeof(int) || type == typeof(long) ? JsonSchemaType.Integer
        : type == typeof(decimal) || type == typeof(double) || type == typeof(float) ? JsonSchemaType.Number
        : type == typeof(JsonElement) ? null
        : throw new NotSupportedException($"{type} has no JSON schema type here");
}
