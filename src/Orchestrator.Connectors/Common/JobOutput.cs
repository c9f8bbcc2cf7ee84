using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Orchestrator.Feel.Json;
using Orchestrator.Feel.Values;

namespace Orchestrator.Connectors.Common;

/// <summary>Turns an API answer into the FEEL value of a result variable (a context with the answer's camelCase fields).</summary>
internal static class JobOutput
{
    public static FeelValue From<T>(T value, JsonTypeInfo<T> info) =>
        FeelJson.FromJson(JsonSerializer.SerializeToElement(value, info));
}
