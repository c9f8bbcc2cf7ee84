using Orchestrator.Engine.Model;
using Orchestrator.Feel.Temporal;
using Orchestrator.Feel.Values;

namespace Orchestrator.Engine.Execution.Timers;

/// <summary>
/// When a timer fires, and how often: from a <c>timeDate</c>, <c>timeDuration</c> or <c>timeCycle</c>
/// value (ISO 8601 <c>R[n]/[start/]duration</c>, or cron). A cycle without a count repeats forever.
/// </summary>
internal sealed class TimerSchedule
{
    private readonly TimeSpan _interval;
    private readonly int _intervalMonths;
    private readonly CronSchedule? _cron;
    private readonly string? _cronText;

    private TimerSchedule(DateTimeOffset firstDue, int repetitions, TimeSpan interval, int intervalMonths, CronSchedule? cron, string? cronText = null)
    {
        _cronText = cronText;
        FirstDue = firstDue;
        Repetitions = repetitions;
        _interval = interval;
        _intervalMonths = intervalMonths;
        _cron = cron;
    }

    /// <summary>When the timer first fires.</summary>
    public DateTimeOffset FirstDue { get; }

    /// <summary>How many times it fires in all; -1 for ever.</summary>
    public int Repetitions { get; }

    /// <summary>The next due time after a firing at <paramref name="due"/>; none when it would be after the year 9999 (the cycle ends).</summary>
    public DateTimeOffset? Next(DateTimeOffset due) =>
        _cron is not null ? _cron.Next(due) : After(due, _interval, _intervalMonths);

    /// <summary><paramref name="at"/> plus the interval; null when that is no date (after the year 9999).</summary>
    private static DateTimeOffset? After(DateTimeOffset at, TimeSpan interval, int months)
    {
        try
        {
            return months != 0 ? at.AddMonths(months) : at + interval;
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static string TooLate(FeelValue value) => $"'{value}' from now would be after the year 9999";

    /// <summary>
    /// How the next due dates are computed, as text <see cref="Restore"/> reads back: the cron expression, or the interval as an
    /// ISO 8601 duration. The first due date and the repetitions are kept on the subscription.
    /// </summary>
    public string Interval =>
        _cronText ?? (_intervalMonths != 0 ? $"P{_intervalMonths}M" : System.Xml.XmlConvert.ToString(_interval));

    /// <summary>Rebuilds a schedule from <see cref="Interval"/>; null when the text is not one.</summary>
    public static TimerSchedule? Restore(string interval)
    {
        if (interval.Contains(' ', StringComparison.Ordinal))
        {
            return CronSchedule.TryParse(interval, out var cron, out _) ? new TimerSchedule(DateTimeOffset.MinValue, -1, TimeSpan.Zero, 0, cron, interval) : null;
        }

        return FeelTemporal.TryParse(interval, out var value) && (TryInterval(value, out var span, out var months) || (value is FeelDaysTimeDuration { Value.Ticks: 0 }))
            ? new TimerSchedule(DateTimeOffset.MinValue, -1, span, months, null)
            : null;
    }

    /// <summary>Checks a literal timer at deployment; FEEL timers are checked when they are evaluated.</summary>
    public static string? Validate(TimerKind kind, string text) =>
        TryCreate(kind, new FeelString(text), DateTimeOffset.UnixEpoch, out _, out var error) ? null : error;

    /// <summary>Builds the schedule from an evaluated timer value, counting from <paramref name="now"/>.</summary>
    public static bool TryCreate(TimerKind kind, FeelValue value, DateTimeOffset now, out TimerSchedule? schedule, out string? error)
    {
        schedule = null;
        error = null;
        if (value is FeelString s && kind != TimerKind.Cycle)
        {
            if (!FeelTemporal.TryParse(s.Value.Trim(), out var parsed))
            {
                error = kind == TimerKind.Date
                    ? $"'{s.Value}' is not an ISO 8601 date and time"
                    : $"'{s.Value}' is not an ISO 8601 duration";
                return false;
            }

            value = parsed;
        }

        switch (kind)
        {
            case TimerKind.Date when value is FeelDateTime dt:
                schedule = new TimerSchedule(dt.Instant ?? new DateTimeOffset(dt.Local, TimeSpan.Zero), 1, TimeSpan.Zero, 0, null);
                return true;
            case TimerKind.Date when value is FeelDate d:
                schedule = new TimerSchedule(new DateTimeOffset(d.Value.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), 1, TimeSpan.Zero, 0, null);
                return true;
            case TimerKind.Duration when TryInterval(value, out var interval, out var months):
                if (After(now, interval, months) is not { } due)
                {
                    error = TooLate(value);
                    return false;
                }

                schedule = new TimerSchedule(due, 1, interval, months, null);
                return true;
            case TimerKind.Cycle when value is FeelString cycle:
                return TryCycle(cycle.Value.Trim(), now, out schedule, out error);
            case TimerKind.Cycle when TryInterval(value, out var interval, out var months):
                if (After(now, interval, months) is not { } first)
                {
                    error = TooLate(value);
                    return false;
                }

                schedule = new TimerSchedule(first, -1, interval, months, null);
                return true;
            default:
                error = $"a {kind.ToString().ToLowerInvariant()} timer cannot use {value.TypeName} '{value}'";
                return false;
        }
    }

    private static bool TryInterval(FeelValue value, out TimeSpan interval, out int months)
    {
        interval = TimeSpan.Zero;
        months = 0;
        switch (value)
        {
            case FeelDaysTimeDuration d when d.Value > TimeSpan.Zero:
                interval = d.Value;
                return true;
            case FeelYearsMonthsDuration m when m.TotalMonths > 0:
                months = m.TotalMonths;
                return true;
            default:
                return false;
        }
    }

    private static bool TryCycle(string text, DateTimeOffset now, out TimerSchedule? schedule, out string? error)
    {
        schedule = null;
        if (text.Contains(' ', StringComparison.Ordinal))
        {
            if (!CronSchedule.TryParse(text, out var cron, out error))
            {
                return false;
            }

            if (cron!.Next(now) is not { } firstFiring)
            {
                error = $"cron expression '{text}' never fires";
                return false;
            }

            schedule = new TimerSchedule(firstFiring, -1, TimeSpan.Zero, 0, cron, text);
            return true;
        }

        var parts = text.Split('/');
        if (parts.Length is < 2 or > 3 || !parts[0].StartsWith('R'))
        {
            error = $"'{text}' is not an ISO 8601 repeating interval (R[n]/[start/]duration) or a cron expression";
            return false;
        }

        var repetitions = -1;
        if (parts[0].Length > 1 && (!int.TryParse(parts[0][1..], out repetitions) || repetitions < 0))
        {
            error = $"'{parts[0]}' in '{text}' is not a repetition count";
            return false;
        }

        if (!FeelTemporal.TryParse(parts[^1], out var duration) || !TryInterval(duration, out var interval, out var months))
        {
            error = $"'{parts[^1]}' in '{text}' is not a positive ISO 8601 duration";
            return false;
        }

        DateTimeOffset first;
        if (parts.Length == 3)
        {
            if (!FeelTemporal.TryParse(parts[1], out var start) || start is not FeelDateTime startTime)
            {
                error = $"'{parts[1]}' in '{text}' is not an ISO 8601 date and time";
                return false;
            }

            first = startTime.Instant ?? new DateTimeOffset(startTime.Local, TimeSpan.Zero);
        }
        else if (After(now, interval, months) is { } due)
        {
            first = due;
        }
        else
        {
            error = $"'{parts[^1]}' in '{text}' from now would be after the year 9999";
            return false;
        }

        schedule = new TimerSchedule(first, repetitions, interval, months, null);
        error = null;
        return true;
    }
}
