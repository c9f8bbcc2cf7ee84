namespace Orchestrator.Feel.Functions;

/// <summary>Built-in numeric functions.</summary>
internal static class NumericFunctions
{
    public static void Register(FeelFunctionRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
    }
}
