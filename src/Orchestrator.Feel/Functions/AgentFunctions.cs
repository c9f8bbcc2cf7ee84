namespace Orchestrator.Feel.Functions;

/// <summary>
/// Camunda's <c>fromAi(value, description, type, schema, options)</c>: marks an input an AI agent fills in. Evaluated, it is
/// its value; the description, type, schema and options only tell the agent what to send (they are read from the model).
/// </summary>
internal static class AgentFunctions
{
    public static void Register(FeelFunctionRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        string[] parameters = ["value", "description", "type", "schema", "options"];
        for (var count = 1; count <= parameters.Length; count++)
        {
            registry.Register("fromAi", parameters[..count], (a, _) => a[0]);
        }
    }
}
