using Orchestrator.Feel.Temporal;

namespace Orchestrator.Feel.Values;

/// <summary>
/// FEEL <c>date and time</c>: local, or with a UTC offset, or with an IANA zone (whose rules give
/// the offset). At most one of <see cref="Offset"/> and <see cref="Zone"/> is given at construction;
/// for a zoned value <see cref="Offset"/> holds the zone's offset at that instant.
/// </summary>
public sealed class FeelDateTime : FeelValue
{
    /// <summary>Creates a date and time.</summary>
    /// <param name="local">The wall-clock date and time (its <see cref="DateTime.Kind"/> is ignored).</param>
    /// <param name="offset">A fixed UTC offset, or null.</param>
    /// <param name="zone">An IANA zone id, or null; when given, <paramref name="offset"/> is computed from the zone.</param>
    public FeelDateTime(DateTime local, TimeSpan? offset = null, string? zone = null)
    {
        Local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        Zone = zone;
        Offset = zone is null ? offset : TemporalZones.OffsetAt(zone, Local);
    }

    /// <summary>The wall-clock date and time.</summary>
    public DateTime Local { get; }

    /// <summary>The UTC offset: given, or derived from <see cref="Zone"/>; null for a local date and time.</summary>
    public TimeSpan? Offset { get; }

    /// <summary>The IANA zone id, when the value has one.</summary>
    public string? Zone { get; }

    /// <summary>True when the value is a point on the time line (has an offset or a zone).</summary>
    public bool HasOffset => Offset is not null;

    /// <summary>The instant, for values with an offset or zone; null for local values.</summary>
    public DateTimeOffset? Instant => Offset is { } o ? new DateTimeOffset(Local, o) : null;

    /// <inheritdoc />
    public override string TypeName => "date and time";

    /// <inheritdoc />
    public override bool Equals(FeelValue? other) => other is FeelDateTime d && TemporalArithmetic.Compare(this, d) == 0;

    /// <inheritdoc />
    public override int GetHashCode() => Instant?.UtcTicks.GetHashCode() ?? Local.GetHashCode();

    /// <summary>ISO 8601, e.g. <c>2019-01-01T10:30:00</c>, with <c>+01:00</c>/<c>Z</c> or <c>@Europe/Paris</c> when present.</summary>
    public override string ToString() => TemporalFormat.Format(this);
}
