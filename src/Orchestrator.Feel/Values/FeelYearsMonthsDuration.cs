using Orchestrator.Feel.Temporal;

namespace Orchestrator.Feel.Values;

/// <summary>FEEL <c>years and months duration</c>, held as a signed count of months.</summary>
public sealed class FeelYearsMonthsDuration : FeelValue
{
    /// <summary>Creates a duration of <paramref name="totalMonths"/> months.</summary>
    public FeelYearsMonthsDuration(int totalMonths) => TotalMonths = totalMonths;

    /// <summary>The signed number of months.</summary>
    public int TotalMonths { get; }

    /// <inheritdoc />
    public override string TypeName => "years and months duration";

    /// <inheritdoc />
    public override bool Equals(FeelValue? other) => other is FeelYearsMonthsDuration d && d.TotalMonths == TotalMonths;

    /// <inheritdoc />
    public override int GetHashCode() => TotalMonths;

    /// <summary>ISO 8601, e.g. <c>P1Y2M</c>, <c>P0M</c>, <c>-P3M</c>.</summary>
    public override string ToString() => TemporalFormat.Format(this);
}
