using Orchestrator.Feel.Temporal;

namespace Orchestrator.Feel.Values;

/// <summary>
/// FEEL <c>date and time</c>: local, or with a UTC offset, or with an IANA zone (whose rules give
/// the offset). For a zoned value <see cref="Offset"/> holds the zone's offset at that instant.
/// </summary>
public sealed class FeelDateTime : FeelValue
{
    /// <summary>Creates a date and time.</summary>
    /// <param name="local">
    /// The wall-clock date and time (its <see cref="DateTime.Kind"/> is ignored). With a zone, a time that
    /// the clocks skip moves forward by the gap, as java.time does (02:30 on a spring-forward night is 03:30).
    /// </param>
    /// <param name="offset">
    /// A fixed UTC offset, or null. With a zone it only picks between the two offsets of a wall-clock time
    /// that occurs twice (the autumn hour); otherwise the zone's offset wins.
    /// </param>
    /// <param name="zone">An IANA zone id, or null; when given, <see cref="Offset"/> is computed from the zone.</param>
    /// <exception cref="ArgumentException">The zone id is not a known IANA zone.</exception>
    public FeelDateTime(DateTime local, TimeSpan? offset = null, string? zone = null)
    {
        Zone = zone;
        if (zone is null)
        {
            Local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
            Offset = offset;
        }
        else
        {
            (Local, var zoneOffset) = TemporalZones.Resolve(zone, local, offset);
            Offset = zoneOffset;
        }
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
