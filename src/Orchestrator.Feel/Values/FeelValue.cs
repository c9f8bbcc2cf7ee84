namespace Orchestrator.Feel.Values;

/// <summary>
/// A FEEL value. Every FEEL type is a sealed subclass; values are immutable and compare by
/// value. <see cref="FeelNull.Instance"/> stands for FEEL's <c>null</c>.
/// </summary>
public abstract class FeelValue : IEquatable<FeelValue>
{
    /// <summary>The FEEL type name, e.g. <c>number</c>, <c>date and time</c>, <c>days and time duration</c>.</summary>
    public abstract string TypeName { get; }

    /// <summary>True for <see cref="FeelNull"/>.</summary>
    public bool IsNull => this is FeelNull;

    /// <summary>How deeply lists and contexts nest in this value: 0 for neither, 1 for one holding neither, and so on.</summary>
    public virtual int Depth => 0;

    /// <summary>FEEL equality (the <c>=</c> operator when both sides are of the same type).</summary>
    public abstract bool Equals(FeelValue? other);

    /// <inheritdoc />
    public sealed override bool Equals(object? obj) => obj is FeelValue v && Equals(v);

    /// <inheritdoc />
    public abstract override int GetHashCode();

    /// <summary>Renders the value as FEEL would print it (strings without quotes).</summary>
    public abstract override string ToString();
}
