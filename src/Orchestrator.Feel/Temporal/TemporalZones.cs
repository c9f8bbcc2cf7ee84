using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Orchestrator.Feel.Temporal;

/// <summary>IANA time-zone rules, looked up once per id.</summary>
internal static class TemporalZones
{
    private static readonly ConcurrentDictionary<string, TimeZoneInfo?> Zones = new(StringComparer.Ordinal);

    /// <summary>
    /// Finds a zone by its IANA id (e.g. <c>Europe/Paris</c>, <c>UTC</c>), spelled exactly as the tz
    /// database spells it; false for unknown ids, other spellings and Windows ids, which java.time refuses too.
    /// </summary>
    public static bool TryFind(string id, [NotNullWhen(true)] out TimeZoneInfo? zone)
    {
        zone = Zones.GetOrAdd(id, static key =>
        {
            if (key.Length == 0 || key.Length > 64 || !TimeZoneInfo.TryFindSystemTimeZoneById(key, out var found))
            {
                return null;
            }

            return found.HasIanaId && string.Equals(found.Id, key, StringComparison.Ordinal) ? found : null;
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
        var info = Find(zone);
        var wallClock = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (info.IsAmbiguousTime(wallClock))
        {
            return info.GetAmbiguousTimeOffsets(wallClock).Max();
        }

        return info.IsInvalidTime(wallClock) ? OffsetBeforeGap(info, wallClock) : info.GetUtcOffset(wallClock);
    }

    /// <summary>
    /// Places a wall-clock time in a zone the way java.time's <c>ZonedDateTime.ofLocal</c> does: a time in
    /// a DST gap moves forward by the length of the gap (02:30 becomes 03:30 when clocks jump from 02:00
    /// to 03:00); a time that occurs twice keeps <paramref name="preferredOffset"/> when it is one of the
    /// two offsets, else takes the earlier one. Callers check the zone with <see cref="TryFind"/> first.
    /// </summary>
    public static (DateTime Local, TimeSpan Offset) Resolve(string zone, DateTime local, TimeSpan? preferredOffset = null)
    {
        var info = Find(zone);
        var wallClock = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (info.IsAmbiguousTime(wallClock))
        {
            var offsets = info.GetAmbiguousTimeOffsets(wallClock);
            return (wallClock, preferredOffset is { } preferred && offsets.Contains(preferred) ? preferred : offsets.Max());
        }

        if (!info.IsInvalidTime(wallClock))
        {
            return (wallClock, info.GetUtcOffset(wallClock));
        }

        var instant = DateTime.SpecifyKind(wallClock - OffsetBeforeGap(info, wallClock), DateTimeKind.Utc);
        var after = info.GetUtcOffset(instant);
        return (DateTime.SpecifyKind(instant + after, DateTimeKind.Unspecified), after);
    }

    private static TimeZoneInfo Find(string zone) =>
        TryFind(zone, out var info) ? info : throw new ArgumentException($"unknown time zone '{zone}'", nameof(zone));

    /// <summary>The offset in force just before the gap that <paramref name="wallClock"/> falls into.</summary>
    private static TimeSpan OffsetBeforeGap(TimeZoneInfo info, DateTime wallClock)
    {
        // Gaps are usually one hour but not always, so walk back until the clock is valid again.
        var probe = wallClock;
        for (var hours = 0; hours < 48 && probe > DateTime.MinValue.AddHours(1) && info.IsInvalidTime(probe); hours++)
        {
            probe = probe.AddHours(-1);
        }

        return info.GetUtcOffset(probe);
    }
}
