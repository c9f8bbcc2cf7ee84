namespace Orchestrator.Connectors.Voc;

/// <summary>Why the reason catalogue, or one of its codes, cannot be used.</summary>
/// <param name="Path">The catalogue file.</param>
/// <param name="Line">1-based line of the code in the file (0 when the file cannot be read or parsed as a whole).</param>
/// <param name="Code">The code concerned, or <c>-</c>.</param>
/// <param name="Message">A readable explanation.</param>
public sealed record ReasonProblem(string Path, int Line, string Code, string Message)
{
    /// <summary>Renders as <c>file:line: code: message</c>, the form <c>orchestrator validate</c> prints.</summary>
    public override string ToString() => $"{Path}:{Line}: {Code}: {Message}";
}
