using Orchestrator.Feel.Values;

namespace Orchestrator.Feel;

/// <summary>Parsed unary tests, evaluated against an input value (what <c>?</c> stands for).</summary>
public sealed class FeelUnaryTests
{
    /// <summary>The unary-tests text.</summary>
    public string Text => throw new NotImplementedException();

    /// <summary>True when <paramref name="input"/> satisfies any of the tests (FEEL boolean, or null when undecidable).</summary>
    public FeelResult Evaluate(FeelValue input, IFeelScope? variables = null) => throw new NotImplementedException();
}
