using Orchestrator.Feel.Temporal;

namespace Orchestrator.Feel.Values;

/// <summary>FEEL <c>days and time duration</c>, e.g. <c>P1DT2H</c>.</summary>
public sealed class FeelDaysTimeDuration : FeelValue
{
    /// <summary>Creates a duration.</summary>
    public FeelDaysTimeDuration(TimeSpan value) => Value = value;

    /// <summary>The CLR value.</summary>
    public TimeSpan Value { get; }

    /// <inheritdoc />
    public override string TypeName => "days and time duration";

    /// <inheritdoc />
    public override bool Equals(FeelValue? other) => other is FeelDaysTimeDuration d && d.Value == Value;

    /// <inheritdoc />
    public override int GetHashCode() => Value.GetHashCode();

    /// <summary>ISO 8601, e.g. <c>P1DT2H3M4S</c>, <c>-PT1H</c>, <c>PT0S</c>.</summary>
    public override string ToString() => TemporalFormat.Format(this);
}
