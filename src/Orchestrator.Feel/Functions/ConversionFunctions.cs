namespace Orchestrator.Feel.Functions;

/// <summary>Built-in conversion functions.</summary>
internal static class ConversionFunctions
{
    public static void Register(FeelFunctionRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
    }
}
