using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orchestrator.Server.Api;

/// <summary>The API's JSON: camelCase, absent optional fields left out, variables as plain JSON.</summary>
public static class ApiJson
{
    /// <summary>The options every endpoint uses.</summary>
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>Applies the API's settings to <paramref name="options"/>.</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        // A body that names a field twice is refused (400 naming it), not read as its last value: the client meant one of them.
        options.AllowDuplicateProperties = false;
        options.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.Converters.Add(new FeelValueJsonConverter());
        options.Converters.Add(new JsonStringEnumConverter());
        options.Converters.Add(new IsoDateJsonConverter());
        options.Converters.Add(new TextJsonConverter());
        return options;
    }
}
