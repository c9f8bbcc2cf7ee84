namespace Orchestrator.Feel;

/// <summary>Why an expression does not parse, and where (1-based line and column in the expression text).</summary>
/// <param name="Message">A readable explanation, e.g. <c>expected ')' but found 'then'</c>.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
public sealed record FeelSyntaxError(string Message, int Line, int Column)
{
    /// <inheritdoc />
    public override string ToString() => $"line {Line}, column {Column}: {Message}";
}
