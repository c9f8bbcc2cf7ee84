using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Orchestrator.Engine;
using Orchestrator.Feel.Json;
using Orchestrator.Feel.Values;
using Orchestrator.Workers;

namespace Orchestrator.Connectors.Common;

/// <summary>
/// Reads a handler's inputs from its job. An input named <c>x</c> is the task header <c>x</c> when the element
/// sets one (design-time configuration wins, so a same-named variable elsewhere in scope cannot change it),
/// else the variable <c>x</c> (normally a local variable from a <c>zeebe:input</c> mapping). A missing or
/// malformed required input is a BPMN error <c>INVALID_REQUEST</c>.
/// </summary>
internal sealed class JobInput(ActivatedJob job)
{
    /// <summary>The idempotency key of every POST the job makes: the job key, so a retried job never does the work twice.</summary>
    public string IdempotencyKey { get; } = job.Key.ToString(CultureInfo.InvariantCulture);

    public string String(string name) => OptionalString(name) ?? throw Missing(name);

    public string? OptionalString(string name)
    {
        if (Header(name) is { } header)
        {
            return header;
        }

        return Variable(name) switch
        {
            null => null,
            FeelString { Value.Length: 0 } => null,
            FeelString text => text.Value,
            FeelContext or FeelList => throw Invalid(name, "text"),
            var other => other.ToString(),
        };
    }

    public decimal Number(string name)
    {
        if (Header(name) is { } header)
        {
            return Parse(name, header);
        }

        return Variable(name) switch
        {
            null => throw Missing(name),
            FeelNumber number => number.Value,
            FeelString text => Parse(name, text.Value),
            _ => throw Invalid(name, "a number"),
        };
    }

    public int Integer(string name)
    {
        var number = Number(name);
        return number == decimal.Truncate(number) && number is >= int.MinValue and <= int.MaxValue
            ? (int)number
            : throw Invalid(name, "a whole number");
    }

    /// <summary>A whole-number input, or <paramref name="fallback"/> when the job has neither a header nor a variable of that name.</summary>
    public int Integer(string name, int fallback) => Header(name) is null && Variable(name) is null ? fallback : Integer(name);

    public bool Boolean(string name, bool fallback)
    {
        if (Header(name) is { } header)
        {
            return bool.TryParse(header, out var parsed) ? parsed : throw Invalid(name, "true or false");
        }

        return Variable(name) switch
        {
            null => fallback,
            FeelBoolean flag => flag.Value,
            FeelString text when bool.TryParse(text.Value, out var parsed) => parsed,
            _ => throw Invalid(name, "true or false"),
        };
    }

    /// <summary>A context or list input as a typed record (a header holds it as JSON text).</summary>
    public T Object<T>(string name, JsonTypeInfo<T> info) => OptionalObject(name, info) ?? throw Missing(name);

    public T? OptionalObject<T>(string name, JsonTypeInfo<T> info)
    {
        var json = Header(name) ?? Variable(name) switch
        {
            null => null,
            var value when value is FeelContext or FeelList => FeelJson.ToJsonString(value),
            _ => throw Invalid(name, "a context or list"),
        };
        if (json is null)
        {
            return default;
        }

        try
        {
            return JsonSerializer.Deserialize(json, info) ?? throw Invalid(name, "a context or list");
        }
        catch (JsonException)
        {
            throw Invalid(name, $"a {typeof(T).Name}");
        }
    }

    /// <summary>A context input (e.g. template data); null when absent. A header holds it as a JSON object.</summary>
    public FeelContext? OptionalContext(string name)
    {
        FeelValue? value;
        try
        {
            value = Header(name) is { } header ? FeelJson.FromJson(header) : Variable(name);
        }
        catch (JsonException)
        {
            throw Invalid(name, "a context");
        }

        return value switch
        {
            null or FeelNull => null,
            FeelContext context => context,
            _ => throw Invalid(name, "a context"),
        };
    }

    private FeelValue? Variable(string name) =>
        job.Variables.TryGetValue(name, out var value) && !value.IsNull ? value : null;

    private string? Header(string name) =>
        job.CustomHeaders.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    private decimal Parse(string name, string text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : throw Invalid(name, "a number");

    private BpmnErrorException Missing(string name) =>
        new(ConnectorErrorCodes.InvalidRequest, $"{job.Type}: the input '{name}' is missing (no variable or task header of that name)");

    private BpmnErrorException Invalid(string name, string expected) =>
        new(ConnectorErrorCodes.InvalidRequest, $"{job.Type}: the input '{name}' must be {expected}");
}
