namespace Orchestrator.Feel.Functions;

/// <summary>Built-in context functions.</summary>
internal static class ContextFunctions
{
    public static void Register(FeelFunctionRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
    }
}
