namespace Orchestrator.Feel.Functions;

/// <summary>Built-in list functions.</summary>
internal static class ListFunctions
{
    public static void Register(FeelFunctionRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
    }
}
