namespace Orchestrator.Connectors.Notify;

/// <summary>Why a file of the notification catalogue cannot be used, and where.</summary>
/// <param name="Path">The file.</param>
/// <param name="Line">1-based line in the file.</param>
/// <param name="Message">A readable explanation.</param>
public sealed record CatalogueProblem(string Path, int Line, string Message)
{
    /// <summary>Renders as <c>file:line: -: message</c>, the form <c>orchestrator validate</c> prints.</summary>
    public override string ToString() => $"{Path}:{Line}: -: {Message}";
}
