using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Orchestrator.Feel.Temporal;

/// <summary>IANA time-zone rules, looked up once per id.</summary>
internal static class TemporalZones
{
    private static readonly ConcurrentDictionary<string, TimeZoneInfo?> Zones = new(StringComparer.Ordinal);

    /// <summary>Finds a zone by IANA id (e.g. <c>Europe/Paris</c>, <c>UTC</c>); false when there is no such zone.</summary>
    public static bool TryFind(string id, [NotNullWhen(true)] out TimeZoneInfo? zone)
    {
        zone = Zones.GetOrAdd(id, static key =>
        {
            if (key.Length == 0 || key.Length > 64 || !TimeZoneInfo.TryFindSystemTimeZoneById(key, out var found))
            {
                return null;
            }

            return found;
        });
        return zone is not null;
    }

    /// <summary>
    /// The UTC offset of <paramref name="zone"/> at the wall-clock time <paramref name="local"/>. A time
    /// that the clocks skip (DST gap) takes the offset before the gap; a time that occurs twice takes
    /// the earlier (summer) offset, as java.time does. Callers check the zone with <see cref="TryFind"/> first.
    /// </summary>
    public static TimeSpan OffsetAt(string zone, DateTime local)
    {
        if (!TryFind(zone, out var info))
        {
            throw new ArgumentException($"unknown time zone '{zone}'", nameof(zone));
        }

        var wallClock = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (info.IsAmbiguousTime(wallClock))
        {
            return info.GetAmbiguousTimeOffsets(wallClock).Max();
        }

        if (info.IsInvalidTime(wallClock))
        {
            return info.GetUtcOffset(wallClock.AddHours(-3));
        }

        return info.GetUtcOffset(wallClock);
    }
}
