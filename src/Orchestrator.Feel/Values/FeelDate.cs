using Orchestrator.Feel.Temporal;

namespace Orchestrator.Feel.Values;

/// <summary>FEEL <c>date</c>: a calendar date without time or zone.</summary>
public sealed class FeelDate : FeelValue
{
    /// <summary>Creates a date.</summary>
    public FeelDate(DateOnly value) => Value = value;

    /// <summary>The CLR value.</summary>
    public DateOnly Value { get; }

    /// <inheritdoc />
    public override string TypeName => "date";

    /// <inheritdoc />
    public override bool Equals(FeelValue? other) => other is FeelDate d && d.Value == Value;

    /// <inheritdoc />
    public override int GetHashCode() => Value.GetHashCode();

    /// <summary>ISO 8601, e.g. <c>2019-01-01</c>.</summary>
    public override string ToString() => TemporalFormat.Format(this);
}
