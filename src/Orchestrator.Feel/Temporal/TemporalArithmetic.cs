using Orchestrator.Feel.Values;

namespace Orchestrator.Feel.Temporal;

/// <summary>
/// Arithmetic and comparison of temporal values as DMN 1.5 §10.3.2.3 defines them. Each method
/// returns CLR null when the operand types are not a temporal combination it knows, so the
/// caller can report "not comparable"; FEEL null when the combination is known but has no value
/// (overflow, a date out of range).
/// </summary>
internal static class TemporalArithmetic
{
    /// <summary>Compares two temporal values of comparable types; null when they are not comparable.</summary>
    public static int? Compare(FeelValue left, FeelValue right) => (left, right) switch
    {
        (FeelDate a, FeelDate b) => a.Value.CompareTo(b.Value),
        (FeelDateTime a, FeelDateTime b) => CompareDateTimes(a, b),
        (FeelTime a, FeelTime b) => CompareTimes(a, b),
        (FeelDaysTimeDuration a, FeelDaysTimeDuration b) => a.Value.CompareTo(b.Value),
        (FeelYearsMonthsDuration a, FeelYearsMonthsDuration b) => a.TotalMonths.CompareTo(b.TotalMonths),
        _ => null,
    };

    public static FeelValue? Add(FeelValue left, FeelValue right) => (left, right) switch
    {
        (FeelDaysTimeDuration a, FeelDaysTimeDuration b) => Guard(() => new FeelDaysTimeDuration(a.Value + b.Value)),
        (FeelYearsMonthsDuration a, FeelYearsMonthsDuration b) => Guard(() => new FeelYearsMonthsDuration(checked(a.TotalMonths + b.TotalMonths))),
        (FeelDate d, FeelDaysTimeDuration dur) => AddToDate(d, dur.Value),
        (FeelDaysTimeDuration dur, FeelDate d) => AddToDate(d, dur.Value),
        (FeelDate d, FeelYearsMonthsDuration dur) => Guard(() => new FeelDate(d.Value.AddMonths(dur.TotalMonths))),
        (FeelYearsMonthsDuration dur, FeelDate d) => Guard(() => new FeelDate(d.Value.AddMonths(dur.TotalMonths))),
        (FeelDateTime dt, FeelDaysTimeDuration dur) => AddToDateTime(dt, dur.Value),
        (FeelDaysTimeDuration dur, FeelDateTime dt) => AddToDateTime(dt, dur.Value),
        (FeelDateTime dt, FeelYearsMonthsDuration dur) => AddMonths(dt, dur.TotalMonths),
        (FeelYearsMonthsDuration dur, FeelDateTime dt) => AddMonths(dt, dur.TotalMonths),
        (FeelTime t, FeelDaysTimeDuration dur) => AddToTime(t, dur.Value),
        (FeelDaysTimeDuration dur, FeelTime t) => AddToTime(t, dur.Value),
        _ => null,
    };

    public static FeelValue? Subtract(FeelValue left, FeelValue right) => (left, right) switch
    {
        (FeelDaysTimeDuration a, FeelDaysTimeDuration b) => Guard(() => new FeelDaysTimeDuration(a.Value - b.Value)),
        (FeelYearsMonthsDuration a, FeelYearsMonthsDuration b) => Guard(() => new FeelYearsMonthsDuration(checked(a.TotalMonths - b.TotalMonths))),
        (FeelDate a, FeelDate b) => new FeelDaysTimeDuration(TimeSpan.FromDays(a.Value.DayNumber - b.Value.DayNumber)),
        (FeelDate d, FeelDaysTimeDuration dur) => Guard(() => AddToDate(d, dur.Value.Negate())),
        (FeelDate d, FeelYearsMonthsDuration dur) => Guard(() => new FeelDate(d.Value.AddMonths(checked(-dur.TotalMonths)))),
        (FeelDateTime a, FeelDateTime b) => SubtractDateTimes(a, b),
        (FeelDateTime a, FeelDate b) => SubtractDateTimes(a, new FeelDateTime(b.Value.ToDateTime(TimeOnly.MinValue), a.Offset, a.Zone)),
        (FeelDate a, FeelDateTime b) => SubtractDateTimes(new FeelDateTime(a.Value.ToDateTime(TimeOnly.MinValue), b.Offset, b.Zone), b),
        (FeelDateTime dt, FeelDaysTimeDuration dur) => Guard(() => AddToDateTime(dt, dur.Value.Negate())),
        (FeelDateTime dt, FeelYearsMonthsDuration dur) => Guard(() => AddMonths(dt, checked(-dur.TotalMonths))),
        (FeelTime t, FeelDaysTimeDuration dur) => Guard(() => AddToTime(t, dur.Value.Negate())),
        (FeelTime a, FeelTime b) => SubtractTimes(a, b),
        _ => null,
    };

    /// <summary>duration × number, number × duration.</summary>
    public static FeelValue? Multiply(FeelValue left, FeelValue right) => (left, right) switch
    {
        (FeelDaysTimeDuration d, FeelNumber n) => ScaleDuration(d.Value, n.Value),
        (FeelNumber n, FeelDaysTimeDuration d) => ScaleDuration(d.Value, n.Value),
        (FeelYearsMonthsDuration d, FeelNumber n) => ScaleMonths(d.TotalMonths, n.Value),
        (FeelNumber n, FeelYearsMonthsDuration d) => ScaleMonths(d.TotalMonths, n.Value),
        _ => null,
    };

    /// <summary>duration ÷ number, duration ÷ duration (of the same kind).</summary>
    public static FeelValue? Divide(FeelValue left, FeelValue right) => (left, right) switch
    {
        (FeelDaysTimeDuration, FeelNumber n) when n.Value == 0 => FeelNull.Instance,
        (FeelYearsMonthsDuration, FeelNumber n) when n.Value == 0 => FeelNull.Instance,
        (FeelDaysTimeDuration d, FeelNumber n) => Guard(() => DurationOfTicks(d.Value.Ticks / n.Value)),
        (FeelYearsMonthsDuration d, FeelNumber n) => Guard(() => DurationOfMonths(d.TotalMonths / n.Value)),
        (FeelDaysTimeDuration a, FeelDaysTimeDuration b) => b.Value == TimeSpan.Zero ? FeelNull.Instance : FeelNumber.Of((decimal)a.Value.Ticks / b.Value.Ticks),
        (FeelYearsMonthsDuration a, FeelYearsMonthsDuration b) => b.TotalMonths == 0 ? FeelNull.Instance : FeelNumber.Of((decimal)a.TotalMonths / b.TotalMonths),
        _ => null,
    };

    public static FeelValue? Negate(FeelValue value) => value switch
    {
        FeelDaysTimeDuration d => Guard(() => new FeelDaysTimeDuration(d.Value.Negate())),
        FeelYearsMonthsDuration d => Guard(() => new FeelYearsMonthsDuration(checked(-d.TotalMonths))),
        _ => null,
    };

    /// <summary>The instant of a date and time with an offset, or its wall-clock time for a local one (as UTC ticks).</summary>
    private static long TimeLineTicks(FeelDateTime value) => value.Instant?.UtcTicks ?? value.Local.Ticks;

    private static int? CompareDateTimes(FeelDateTime a, FeelDateTime b) =>
        a.HasOffset == b.HasOffset ? TimeLineTicks(a).CompareTo(TimeLineTicks(b)) : null;

    private static FeelValue SubtractDateTimes(FeelDateTime a, FeelDateTime b) =>
        a.HasOffset == b.HasOffset ? Guard(() => new FeelDaysTimeDuration(TimeSpan.FromTicks(checked(TimeLineTicks(a) - TimeLineTicks(b))))) : FeelNull.Instance;

    /// <summary>A hash that agrees with <see cref="Compare"/>: times equal in UTC hash alike.</summary>
    public static int HashOf(FeelTime value) => (TimeUtcTicks(value) ?? value.Local.Ticks).GetHashCode();

    /// <summary>Times with an offset compare in UTC; a zoned time uses the zone's standard offset (it has no date to pick daylight time by).</summary>
    private static long? TimeUtcTicks(FeelTime value)
    {
        var offset = value.Offset ?? (value.Zone is { } zone && TemporalZones.TryFind(zone, out var info) ? info.BaseUtcOffset : null);
        return offset is { } o ? value.Local.Ticks - o.Ticks : null;
    }

    private static int? CompareTimes(FeelTime a, FeelTime b)
    {
        var ua = TimeUtcTicks(a);
        var ub = TimeUtcTicks(b);
        if (ua is null && ub is null)
        {
            return a.Local.CompareTo(b.Local);
        }

        return ua is { } x && ub is { } y ? x.CompareTo(y) : null;
    }

    private static FeelValue SubtractTimes(FeelTime a, FeelTime b)
    {
        var ua = TimeUtcTicks(a);
        var ub = TimeUtcTicks(b);
        if (ua is null && ub is null)
        {
            return new FeelDaysTimeDuration(a.Local.ToTimeSpan() - b.Local.ToTimeSpan());
        }

        return ua is { } x && ub is { } y ? new FeelDaysTimeDuration(TimeSpan.FromTicks(x - y)) : FeelNull.Instance;
    }

    private static FeelValue AddToDate(FeelDate date, TimeSpan duration) =>
        Guard(() => new FeelDate(DateOnly.FromDateTime(date.Value.ToDateTime(TimeOnly.MinValue).Add(duration))));

    private static FeelValue AddToDateTime(FeelDateTime value, TimeSpan duration) => Guard(() =>
    {
        if (value.Zone is { } zone && value.Instant is { } instant && TemporalZones.TryFind(zone, out var info))
        {
            // Zoned values move on the time line, so adding PT24H across a DST change keeps the instant arithmetic exact.
            var moved = TimeZoneInfo.ConvertTime(instant.Add(duration), info);
            return new FeelDateTime(moved.DateTime, moved.Offset, zone);
        }

        return new FeelDateTime(value.Local.Add(duration), value.Offset);
    });

    /// <summary>Month arithmetic on the wall clock, clamped to the month's end; a zoned value keeps its offset when the new time occurs twice, as java.time does.</summary>
    private static FeelValue AddMonths(FeelDateTime value, int months) =>
        Guard(() => new FeelDateTime(value.Local.AddMonths(months), value.Offset, value.Zone));

    private static FeelTime AddToTime(FeelTime value, TimeSpan duration)
    {
        var ticks = (value.Local.Ticks + (duration.Ticks % TimeSpan.TicksPerDay) + TimeSpan.TicksPerDay) % TimeSpan.TicksPerDay;
        return new FeelTime(new TimeOnly(ticks), value.Offset, value.Zone);
    }

    private static FeelValue ScaleDuration(TimeSpan duration, decimal factor) => Guard(() => DurationOfTicks(duration.Ticks * factor));

    private static FeelValue ScaleMonths(int months, decimal factor) => Guard(() => DurationOfMonths(months * factor));

    private static FeelDaysTimeDuration DurationOfTicks(decimal ticks) =>
        new(TimeSpan.FromTicks((long)decimal.Round(ticks, MidpointRounding.AwayFromZero)));

    /// <summary>Rounds to the nearest whole month, halves upwards, as XPath's multiply- and divide-yearMonthDuration do.</summary>
    private static FeelYearsMonthsDuration DurationOfMonths(decimal months) => new((int)decimal.Floor(months + 0.5m));

    /// <summary>Runs a temporal operation, turning an out-of-range result into FEEL null.</summary>
    private static FeelValue Guard(Func<FeelValue> operation)
    {
        try
        {
            return operation();
        }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or OverflowException or ArgumentException)
        {
            return FeelNull.Instance;
        }
    }
}
