namespace Orchestrator.Feel.Values;

/// <summary>FEEL <c>boolean</c>. Use <see cref="True"/>, <see cref="False"/> or <see cref="Of"/>; never allocates.</summary>
public sealed class FeelBoolean : FeelValue
{
    /// <summary>FEEL <c>true</c>.</summary>
    public static readonly FeelBoolean True = new(true);

    /// <summary>FEEL <c>false</c>.</summary>
    public static readonly FeelBoolean False = new(false);

    private FeelBoolean(bool value) => Value = value;

    /// <summary>The CLR value.</summary>
    public bool Value { get; }

    /// <summary>The shared instance for <paramref name="value"/>.</summary>
    public static FeelBoolean Of(bool value) => value ? True : False;

    /// <inheritdoc />
    public override string TypeName => "boolean";

    /// <inheritdoc />
    public override bool Equals(FeelValue? other) => other is FeelBoolean b && b.Value == Value;

    /// <inheritdoc />
    public override int GetHashCode() => Value ? 1 : 2;

    /// <inheritdoc />
    public override string ToString() => Value ? "true" : "false";
}
