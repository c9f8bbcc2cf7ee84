namespace Orchestrator.Feel.Functions;

/// <summary>Built-in boolean functions.</summary>
internal static class BooleanFunctions
{
    public static void Register(FeelFunctionRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
    }
}
