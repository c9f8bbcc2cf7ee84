namespace Orchestrator.Feel.Evaluation;

/// <summary>A non-fatal problem met during evaluation; the expression still produced a value (often null).</summary>
/// <param name="Kind">The category.</param>
/// <param name="Message">A readable explanation naming the variable, function or operation.</param>
public sealed record FeelWarning(FeelWarningKind Kind, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Kind}: {Message}";
}
