namespace Orchestrator.Feel.Values;

/// <summary>FEEL <c>null</c>: the absence of a value, and the result of every invalid operation.</summary>
public sealed class FeelNull : FeelValue
{
    /// <summary>The only instance.</summary>
    public static readonly FeelNull Instance = new();

    private FeelNull()
    {
    }

    /// <inheritdoc />
    public override string TypeName => "null";

    /// <inheritdoc />
    public override bool Equals(FeelValue? other) => other is FeelNull;

    /// <inheritdoc />
    public override int GetHashCode() => 0;

    /// <inheritdoc />
    public override string ToString() => "null";
}
