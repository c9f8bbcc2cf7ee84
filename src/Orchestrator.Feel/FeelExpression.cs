using Orchestrator.Feel.Values;

namespace Orchestrator.Feel;

/// <summary>A parsed expression, ready to evaluate any number of times, from any thread.</summary>
public sealed class FeelExpression
{
    /// <summary>The expression text.</summary>
    public string Text => throw new NotImplementedException();

    /// <summary>Evaluates against <paramref name="variables"/> (none when null).</summary>
    public FeelResult Evaluate(IFeelScope? variables = null) => throw new NotImplementedException();
}
