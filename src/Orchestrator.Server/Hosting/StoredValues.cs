using System.Text.Json;
using Orchestrator.Feel.Json;
using Orchestrator.Feel.Values;

namespace Orchestrator.Server.Hosting;

/// <summary>Variable values as the database keeps them (JSON text), read back as FEEL values.</summary>
public static class StoredValues
{
    /// <summary>The FEEL value of a stored variable; FEEL null for text that is not JSON (never thrown: reports and pages read on).</summary>
    public static FeelValue Read(string json)
    {
        try
        {
            return FeelJson.FromJson(json);
        }
        catch (JsonException)
        {
            return FeelNull.Instance;
        }
    }
}
