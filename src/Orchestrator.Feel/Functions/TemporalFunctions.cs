using System.Globalization;
using Orchestrator.Feel.Evaluation;
using Orchestrator.Feel.Temporal;
using Orchestrator.Feel.Values;

namespace Orchestrator.Feel.Functions;

/// <summary>Built-in temporal functions: conversions (DMN 1.5 §10.3.4.1), date and time functions (§10.3.4.7) and Camunda's <c>last day of month</c>.</summary>
internal static class TemporalFunctions
{
    public static void Register(FeelFunctionRegistry registry)
    {
        registry.Register("date", ["from"], (a, c) => Date(a[0], c));
        registry.Register("date", ["year", "month", "day"], DateOf);
        registry.Register("time", ["from"], (a, c) => Time(a[0], c));
        registry.Register("time", ["hour", "minute", "second"], (a, c) => TimeOf(a[0], a[1], a[2], FeelNull.Instance, c));
        registry.Register("time", ["hour", "minute", "second", "offset"], (a, c) => TimeOf(a[0], a[1], a[2], a[3], c));
        registry.Register("date and time", ["from"], (a, c) => DateTime(a[0], c));
        // Both two-argument forms share a body: a positional call reaches the first one, so it dispatches on the second argument's type.
        registry.Register("date and time", ["date", "time"], (a, c) => a[1] is FeelString ? InZone(a[0], a[1], c) : DateAndTime(a[0], a[1], c));
        registry.Register("date and time", ["date", "timezone"], (a, c) => a[1] is FeelString ? InZone(a[0], a[1], c) : DateAndTime(a[0], a[1], c));
        registry.Register("date and time", ["from", "timezone"], (a, c) => a[1] is FeelString ? InZone(a[0], a[1], c) : DateAndTime(a[0], a[1], c));
        registry.Register("duration", ["from"], (a, c) => Duration(a[0], c));
        registry.Register("years and months duration", ["from", "to"], (a, c) => MonthsBetween(a[0], a[1], c));
        registry.Register("now", [], (_, c) => Now(c));
        registry.Register("today", [], (_, c) => new FeelDate(DateOnly.FromDateTime(LocalNow(c).DateTime)));
        registry.Register("day of week", ["date"], (a, c) => OnDate("day of week", a[0], c, d => new FeelString(d.DayOfWeek.ToString())));
        registry.Register("day of year", ["date"], (a, c) => OnDate("day of year", a[0], c, d => FeelNumber.Of(d.DayOfYear)));
        registry.Register("week of year", ["date"], (a, c) => OnDate("week of year", a[0], c, d => FeelNumber.Of(ISOWeek.GetWeekOfYear(d.ToDateTime(TimeOnly.MinValue)))));
        registry.Register("month of year", ["date"], (a, c) => OnDate("month of year", a[0], c, d => new FeelString(CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(d.Month))));
        registry.Register("last day of month", ["date"], (a, c) => OnDate("last day of month", a[0], c, d => new FeelDate(new DateOnly(d.Year, d.Month, System.DateTime.DaysInMonth(d.Year, d.Month)))));
        registry.Register("is", ["value1", "value2"], (a, _) => FeelBoolean.Of(IsSame(a[0], a[1])));
    }

    private static FeelValue Date(FeelValue from, FeelEvaluationContext context) => from switch
    {
        FeelString s => (FeelValue?)TemporalParser.ParseDate(s.Value)
            ?? (TemporalParser.ParseDateTime(s.Value) is { } dt ? new FeelDate(DateOnly.FromDateTime(dt.Local)) : null)
            ?? (FeelValue)FunctionArgs.Fail("date", $"'{s.Value}' is not a date", context),
        FeelDate d => d,
        FeelDateTime dt => new FeelDate(DateOnly.FromDateTime(dt.Local)),
        _ => FunctionArgs.Fail("date", $"expected a string or a date and time but found {from.TypeName}", context),
    };

    private static FeelValue DateOf(FeelValue[] args, FeelEvaluationContext context)
    {
        if (!FunctionArgs.Integer("date", args[0], context, out var year) || !FunctionArgs.Integer("date", args[1], context, out var month)
            || !FunctionArgs.Integer("date", args[2], context, out var day))
        {
            return FeelNull.Instance;
        }

        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > System.DateTime.DaysInMonth(year, month))
        {
            return FunctionArgs.Fail("date", $"{year}-{month}-{day} is not a valid date", context);
        }

        return new FeelDate(new DateOnly(year, month, day));
    }

    private static FeelValue Time(FeelValue from, FeelEvaluationContext context) => from switch
    {
        FeelString s => (FeelValue?)TemporalParser.ParseTime(s.Value)
            ?? (TemporalParser.ParseDateTime(s.Value) is { } dt ? TimeOf(dt) : null)
            ?? (FeelValue)FunctionArgs.Fail("time", $"'{s.Value}' is not a time", context),
        FeelTime t => t,
        FeelDateTime dt => TimeOf(dt),
        FeelDate => new FeelTime(TimeOnly.MinValue, TimeSpan.Zero),
        _ => FunctionArgs.Fail("time", $"expected a string or a date and time but found {from.TypeName}", context),
    };

    private static FeelTime TimeOf(FeelDateTime dt) => new(TimeOnly.FromDateTime(dt.Local), dt.Zone is null ? dt.Offset : null, dt.Zone);

    private static FeelValue TimeOf(FeelValue hour, FeelValue minute, FeelValue second, FeelValue offset, FeelEvaluationContext context)
    {
        if (!FunctionArgs.Integer("time", hour, context, out var h) || !FunctionArgs.Integer("time", minute, context, out var m)
            || !FunctionArgs.Number("time", second, context, out var s))
        {
            return FeelNull.Instance;
        }

        if (h is < 0 or > 23 || m is < 0 or > 59 || s < 0 || s >= 60)
        {
            return FunctionArgs.Fail("time", $"{h}:{m}:{s} is not a valid time", context);
        }

        TimeSpan? zoneOffset = null;
        if (offset is FeelDaysTimeDuration d)
        {
            if (d.Value.Duration() > TemporalParser.MaxOffset)
            {
                return FunctionArgs.Fail("time", $"offset {d} is beyond ±18 hours", context);
            }

            // Offsets are whole seconds, as java's ZoneOffset is.
            zoneOffset = TimeSpan.FromSeconds((long)d.Value.TotalSeconds);
        }
        else if (offset is not FeelNull)
        {
            return FunctionArgs.Fail("time", $"expected a days and time duration as offset but found {offset.TypeName}", context);
        }

        var ticks = (((h * 60L) + m) * TimeSpan.TicksPerMinute) + (long)(s * TimeSpan.TicksPerSecond);
        return new FeelTime(new TimeOnly(ticks), zoneOffset);
    }

    private static FeelValue DateTime(FeelValue from, FeelEvaluationContext context) => from switch
    {
        FeelString s => (FeelValue?)TemporalParser.ParseDateTime(s.Value)
            ?? (TemporalParser.ParseDate(s.Value) is { } d ? new FeelDateTime(d.Value.ToDateTime(TimeOnly.MinValue)) : null)
            ?? (FeelValue)FunctionArgs.Fail("date and time", $"'{s.Value}' is not a date and time", context),
        FeelDateTime dt => dt,
        FeelDate d => new FeelDateTime(d.Value.ToDateTime(TimeOnly.MinValue)),
        _ => FunctionArgs.Fail("date and time", $"expected a string but found {from.TypeName}", context),
    };

    private static FeelValue DateAndTime(FeelValue date, FeelValue time, FeelEvaluationContext context)
    {
        DateOnly day;
        switch (date)
        {
            case FeelDate d:
                day = d.Value;
                break;
            case FeelDateTime dt:
                day = DateOnly.FromDateTime(dt.Local);
                break;
            default:
                return FunctionArgs.Fail("date and time", $"expected a date but found {date.TypeName}", context);
        }

        return time is FeelTime t
            ? new FeelDateTime(day.ToDateTime(t.Local), t.Offset, t.Zone)
            : FunctionArgs.Fail("date and time", $"expected a time but found {time.TypeName}", context);
    }

    /// <summary>
    /// Camunda's <c>date and time(date, timezone)</c>: a local value gets the zone at the same wall-clock
    /// time; a value with an offset or zone becomes the same instant seen in the new zone. The zone is an
    /// IANA id or a fixed offset (<c>Z</c>, <c>+02:00</c>).
    /// </summary>
    private static FeelValue InZone(FeelValue from, FeelValue timezone, FeelEvaluationContext context)
    {
        if (from is not FeelDateTime dt)
        {
            return FunctionArgs.Fail("date and time", $"expected a date and time but found {from.TypeName}", context);
        }

        if (!FunctionArgs.String("date and time", timezone, context, out var text))
        {
            return FeelNull.Instance;
        }

        if (!TemporalParser.TryParseZone(text, out var offset, out var zone))
        {
            return FunctionArgs.Fail("date and time", $"unknown time zone '{text}'", context);
        }

        if (dt.Instant is not { } instant)
        {
            return new FeelDateTime(dt.Local, offset, zone);
        }

        if (offset is { } fixedOffset)
        {
            return new FeelDateTime(instant.ToOffset(fixedOffset).DateTime, fixedOffset);
        }

        TemporalZones.TryFind(zone!, out var info);
        var moved = TimeZoneInfo.ConvertTime(instant, info!);
        return new FeelDateTime(moved.DateTime, moved.Offset, zone);
    }

    private static FeelValue Duration(FeelValue from, FeelEvaluationContext context) => from switch
    {
        FeelString s => (FeelValue?)TemporalParser.ParseDaysTimeDuration(s.Value) ?? TemporalParser.ParseYearsMonthsDuration(s.Value)
            ?? (FeelValue)FunctionArgs.Fail("duration", $"'{s.Value}' is not a duration", context),
        FeelDaysTimeDuration or FeelYearsMonthsDuration => from,
        _ => FunctionArgs.Fail("duration", $"expected a string but found {from.TypeName}", context),
    };

    private static FeelValue MonthsBetween(FeelValue from, FeelValue to, FeelEvaluationContext context)
    {
        if (!TryDateTimeOf(from, out var start) || !TryDateTimeOf(to, out var end))
        {
            return FunctionArgs.Fail("years and months duration", $"expected two dates but found {from.TypeName} and {to.TypeName}", context);
        }

        // Whole months between the calendar dates, as java's Period.between: the time of day does not count,
        // and a month is complete only when the end's day of month has reached the start's.
        var months = ((end.Year - start.Year) * 12) + end.Month - start.Month;
        if (months > 0 && end.Day < start.Day)
        {
            months--;
        }
        else if (months < 0 && end.Day > start.Day)
        {
            months++;
        }

        return new FeelYearsMonthsDuration(months);
    }

    private static bool TryDateTimeOf(FeelValue value, out DateOnly result)
    {
        switch (value)
        {
            case FeelDate d:
                result = d.Value;
                return true;
            case FeelDateTime dt:
                result = DateOnly.FromDateTime(dt.Local);
                return true;
            default:
                result = default;
                return false;
        }
    }

    private static DateTimeOffset LocalNow(FeelEvaluationContext context) =>
        TimeZoneInfo.ConvertTime(context.Clock.GetUtcNow(), context.Clock.LocalTimeZone);

    /// <summary>Now in the clock's zone, as <c>@zone</c> when the zone has an IANA id (a Windows id is translated), else with its offset; UTC prints as <c>Z</c>.</summary>
    private static FeelDateTime Now(FeelEvaluationContext context)
    {
        var zone = context.Clock.LocalTimeZone;
        var now = LocalNow(context);
        var isUtc = zone.Id is "UTC" or "Etc/UTC" || zone == TimeZoneInfo.Utc;
        var id = zone.HasIanaId ? zone.Id : TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana) ? iana : null;
        return isUtc || id is null || !TemporalZones.TryFind(id, out _)
            ? new FeelDateTime(now.DateTime, now.Offset)
            : new FeelDateTime(now.DateTime, now.Offset, id);
    }

    private static FeelValue OnDate(string function, FeelValue value, FeelEvaluationContext context, Func<DateOnly, FeelValue> body) => value switch
    {
        FeelDate d => body(d.Value),
        FeelDateTime dt => body(DateOnly.FromDateTime(dt.Local)),
        _ => FunctionArgs.Fail(function, $"expected a date but found {value.TypeName}", context),
    };

    /// <summary>DMN <c>is()</c>: same type and same value, so <c>@"10:00:00+01:00"</c> is not <c>@"10:00:00@Europe/Paris"</c>.</summary>
    private static bool IsSame(FeelValue a, FeelValue b) => (a, b) switch
    {
        (FeelTime x, FeelTime y) => x.Local == y.Local && x.Offset == y.Offset && x.Zone == y.Zone,
        (FeelDateTime x, FeelDateTime y) => x.Local == y.Local && x.Offset == y.Offset && x.Zone == y.Zone,
        _ => a.GetType() == b.GetType() && FeelComparer.ValueEquals(a, b) == true,
    };
}
