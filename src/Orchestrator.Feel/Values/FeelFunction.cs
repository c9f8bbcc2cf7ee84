using Orchestrator.Feel.Evaluation;

namespace Orchestrator.Feel.Values;

/// <summary>
/// FEEL <c>function</c>: a built-in function, a function defined in an expression
/// (<c>function(a, b) a + b</c>), or one a host registers. Invocation never throws: a failure
/// gives FEEL null and a warning on the <see cref="FeelEvaluationContext"/>.
/// </summary>
public abstract class FeelFunction : FeelValue
{
    /// <summary>The name the function was defined under, or <c>anonymous</c>.</summary>
    public abstract string Name { get; }

    /// <inheritdoc />
    public sealed override string TypeName => "function";

    /// <summary>Invokes the function with positional arguments.</summary>
    public abstract FeelValue Invoke(IReadOnlyList<FeelValue> arguments, FeelEvaluationContext context);

    /// <summary>Invokes the function with named arguments (<c>substring(string: "abc", start position: 2)</c>).</summary>
    public abstract FeelValue InvokeNamed(IReadOnlyList<KeyValuePair<string, FeelValue>> arguments, FeelEvaluationContext context);

    /// <inheritdoc />
    public override bool Equals(FeelValue? other) => ReferenceEquals(this, other);

    /// <inheritdoc />
    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);

    /// <inheritdoc />
    public override string ToString() => "function " + Name;
}
