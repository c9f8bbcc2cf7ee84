namespace Orchestrator.Dmn;

/// <summary>What is wrong with a DMN model, and where: the source (file name), the element's id and the line.</summary>
/// <param name="Source">The model's source name (a file name).</param>
/// <param name="ElementId">The id of the element at fault, when it has one.</param>
/// <param name="Line">The 1-based line in the source; 0 when unknown.</param>
/// <param name="Message">What is wrong.</param>
public sealed record DmnProblem(string Source, string? ElementId, int Line, string Message)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{Source}:{Line.ToString(System.Globalization.CultureInfo.InvariantCulture)}: {ElementId ?? "-"}: {Message}";
}
