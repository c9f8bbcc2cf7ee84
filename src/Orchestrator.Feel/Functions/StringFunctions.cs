namespace Orchestrator.Feel.Functions;

/// <summary>Built-in string functions.</summary>
internal static class StringFunctions
{
    public static void Register(FeelFunctionRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
    }
}
