namespace Orchestrator.Feel.Values;

/// <summary>FEEL <c>string</c>. Compared by Unicode code points (ordinal).</summary>
public sealed class FeelString : FeelValue
{
    /// <summary>The empty string.</summary>
    public static readonly FeelString Empty = new(string.Empty);

    /// <summary>Creates a string value.</summary>
    public FeelString(string value) => Value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>The CLR value.</summary>
    public string Value { get; }

    /// <inheritdoc />
    public override string TypeName => "string";

    /// <inheritdoc />
    public override bool Equals(FeelValue? other) => other is FeelString s && string.Equals(s.Value, Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
