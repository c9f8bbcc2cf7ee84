using System.Globalization;

namespace Orchestrator.Engine.Calendars;

/// <summary>
/// Working time of a team: a time zone, working hours per weekday and holidays. Adds working time to an
/// instant ("4 working hours from now") and measures working time between two instants, so SLAs count
/// only the hours someone is there. Daylight-saving changes are followed through the zone.
/// </summary>
public sealed class BusinessCalendar
{
    /// <summary>How far ahead a search for working time goes before giving up (a calendar without working hours).</summary>
    private const int MaxDays = 3 * 366;

    private readonly IReadOnlyDictionary<DayOfWeek, IReadOnlyList<(TimeOnly Start, TimeOnly End)>> _hours;
    private readonly HashSet<DateOnly> _holidays;

    /// <summary>Creates a calendar.</summary>
    /// <param name="name">Its name (models refer to it).</param>
    /// <param name="zone">The zone its hours are in.</param>
    /// <param name="hours">Working intervals per weekday, each start before its end; a day without entries is off.</param>
    /// <param name="holidays">Days off.</param>
    public BusinessCalendar(string name, TimeZoneInfo zone, IReadOnlyDictionary<DayOfWeek, IReadOnlyList<(TimeOnly Start, TimeOnly End)>> hours, IEnumerable<DateOnly> holidays)
    {
        ArgumentNullException.ThrowIfNull(hours);
        Name = name;
        Zone = zone;
        _hours = hours;
        _holidays = [.. holidays];
        foreach (var (day, intervals) in hours)
        {
            foreach (var (start, end) in intervals)
            {
                if (end <= start)
                {
                    throw new ArgumentException($"calendar '{name}': {day} {start:HH\\:mm}-{end:HH\\:mm} ends before it starts", nameof(hours));
                }
            }
        }
    }

    /// <summary>The name.</summary>
    public string Name { get; }

    /// <summary>The time zone.</summary>
    public TimeZoneInfo Zone { get; }

    /// <summary>The instant <paramref name="working"/> working time after <paramref name="start"/> (counting only working hours).</summary>
    /// <exception cref="InvalidOperationException">The calendar has no working time for three years in a row from there.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="working"/> is negative, or the result would be after the year 9999.</exception>
    public DateTimeOffset Add(DateTimeOffset start, TimeSpan working)
    {
        if (working < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(working), "working time to add must not be negative");
        }

        var left = working;
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(start, Zone).DateTime);

        // Long spans (years of working time) are fine; only a stretch of MaxDays without any working time ends the search.
        for (var idle = 0; idle < MaxDays; day = day.AddDays(1))
        {
            idle++;
            foreach (var (from, to) in Intervals(day))
            {
                var begin = from < start ? start : from;
                if (to <= begin)
                {
                    continue;
                }

                if (to - begin >= left)
                {
                    return (begin + left).ToOffset(Zone.GetUtcOffset(begin + left));
                }

                left -= to - begin;
                idle = 0;
            }

            if (day == DateOnly.MaxValue)
            {
                throw new ArgumentOutOfRangeException(nameof(working), $"{working} of working time after {start:O} ends after the year 9999");
            }
        }

        throw new InvalidOperationException($"calendar '{Name}' has no working time within {MaxDays} days of {start:O}");
    }

    /// <summary>The working time between two instants (negative when <paramref name="to"/> is before <paramref name="from"/>).</summary>
    public TimeSpan Between(DateTimeOffset from, DateTimeOffset to)
    {
        if (to < from)
        {
            return -Between(to, from);
        }

        var total = TimeSpan.Zero;
        var last = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(to, Zone).DateTime);
        for (var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, Zone).DateTime); day <= last; day = day.AddDays(1))
        {
            foreach (var (start, end) in Intervals(day))
            {
                var begin = start < from ? from : start;
                var finish = end > to ? to : end;
                if (finish > begin)
                {
                    total += finish - begin;
                }
            }
        }

        return total;
    }

    /// <summary>True when <paramref name="instant"/> falls in working hours.</summary>
    public bool IsWorkingTime(DateTimeOffset instant)
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);
        return Intervals(day).Any(i => i.From <= instant && instant < i.To);
    }

    private IEnumerable<(DateTimeOffset From, DateTimeOffset To)> Intervals(DateOnly day)
    {
        if (_holidays.Contains(day) || !_hours.TryGetValue(day.DayOfWeek, out var intervals))
        {
            yield break;
        }

        foreach (var (start, end) in intervals)
        {
            // 24:00 (TimeOnly's last tick, as the calendar's spec reads it) is the next day's midnight: taken as 23:59:59.9999999,
            // each span that passed a midnight came out a tick short, which a due date's warning share turned into a millisecond.
            // The last day there is has no next one.
            yield return (start == TimeOnly.MinValue ? Midnight(day) : Instant(day.ToDateTime(start)),
                end == TimeOnly.MaxValue && day < DateOnly.MaxValue ? Midnight(day.AddDays(1)) : Instant(day.ToDateTime(end)));
        }
    }

    /// <summary>
    /// The instant <paramref name="day"/> begins, which ends the day before: the tick after that day's last, so that when the clocks
    /// go back at midnight the repeated hour belongs to this day (a local 00:00 there is read as the second midnight, which would
    /// leave the hour to neither day); when that last tick was skipped by a change, the moment of the jump.
    /// </summary>
    private DateTimeOffset Midnight(DateOnly day)
    {
        if (day == DateOnly.MinValue)
        {
            return Instant(day.ToDateTime(TimeOnly.MinValue));
        }

        var before = day.AddDays(-1).ToDateTime(TimeOnly.MaxValue);
        return Zone.IsInvalidTime(before) ? Instant(day.ToDateTime(TimeOnly.MinValue)) : Instant(before).AddTicks(1);
    }

    private DateTimeOffset Instant(DateTime local)
    {
        // A local time skipped by a daylight-saving change counts from the moment the clocks jumped.
        while (Zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    /// <summary>A readable summary, e.g. <c>default (Asia/Shanghai): Mon-Fri 09:00-18:00</c>.</summary>
    public override string ToString() =>
        $"{Name} ({Zone.Id}): " + string.Join("; ", _hours.OrderBy(h => ((int)h.Key + 6) % 7)
            .Select(h => h.Key.ToString()[..3] + " " + string.Join(",", h.Value.Select(i => i.Start.ToString("HH:mm", CultureInfo.InvariantCulture) + "-" +
                (i.End == TimeOnly.MaxValue ? "24:00" : i.End.ToString("HH:mm", CultureInfo.InvariantCulture))))));
}
