namespace Orchestrator.Feel.Functions;

/// <summary>Built-in temporal functions.</summary>
internal static class TemporalFunctions
{
    public static void Register(FeelFunctionRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
    }
}
