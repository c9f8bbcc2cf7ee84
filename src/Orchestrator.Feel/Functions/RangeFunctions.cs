namespace Orchestrator.Feel.Functions;

/// <summary>Built-in range functions.</summary>
internal static class RangeFunctions
{
    public static void Register(FeelFunctionRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
    }
}
