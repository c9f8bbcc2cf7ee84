using Orchestrator.Feel.Temporal;

namespace Orchestrator.Feel.Values;

/// <summary>
/// FEEL <c>time</c>: a time of day, local, or with a UTC offset, or with an IANA zone
/// (<c>10:30:00@Europe/Paris</c>). At most one of <see cref="Offset"/> and <see cref="Zone"/> is set.
/// </summary>
public sealed class FeelTime : FeelValue
{
    /// <summary>Creates a time.</summary>
    public FeelTime(TimeOnly local, TimeSpan? offset = null, string? zone = null)
    {
        Local = local;
        Offset = zone is null ? offset : null;
        Zone = zone;
    }

    /// <summary>The time of day as written.</summary>
    public TimeOnly Local { get; }

    /// <summary>The UTC offset, when the time has one (and no zone).</summary>
    public TimeSpan? Offset { get; }

    /// <summary>The IANA zone id, when the time has one.</summary>
    public string? Zone { get; }

    /// <inheritdoc />
    public override string TypeName => "time";

    /// <inheritdoc />
    public override bool Equals(FeelValue? other) => other is FeelTime t && TemporalArithmetic.Compare(this, t) == 0;

    /// <inheritdoc />
    public override int GetHashCode() => TemporalArithmetic.HashOf(this);

    /// <summary>ISO 8601, e.g. <c>10:30:00</c>, <c>10:30:00+01:00</c>, <c>10:30:00@Europe/Paris</c>.</summary>
    public override string ToString() => TemporalFormat.Format(this);
}
