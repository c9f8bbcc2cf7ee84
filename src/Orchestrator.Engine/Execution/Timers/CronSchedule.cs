namespace Orchestrator.Engine.Execution.Timers;

/// <summary>
/// A cron expression in the form Zeebe uses (Spring's six fields: second minute hour
/// day-of-month month day-of-week; five fields are read as starting at minute with second 0).
/// Fields take <c>*</c>, <c>?</c>, numbers, ranges <c>a-b</c>, lists <c>a,b</c>, steps <c>*/n</c>
/// and names (<c>JAN</c>, <c>MON</c>). Times are evaluated in UTC.
/// </summary>
internal sealed class CronSchedule
{
    private static readonly string[] Months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] Days = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    private readonly bool[] _seconds;
    private readonly bool[] _minutes;
    private readonly bool[] _hours;
    private readonly bool[] _daysOfMonth;
    private readonly bool[] _months;
    private readonly bool[] _daysOfWeek;

    private CronSchedule(bool[][] fields)
    {
        (_seconds, _minutes, _hours, _daysOfMonth, _months, _daysOfWeek) = (fields[0], fields[1], fields[2], fields[3], fields[4], fields[5]);
    }

    public static bool TryParse(string text, out CronSchedule? schedule, out string? error)
    {
        schedule = null;
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 5)
        {
            parts = ["0", .. parts];
        }

        if (parts.Length != 6)
        {
            error = $"cron expression '{text}' must have 6 fields (second minute hour day month weekday)";
            return false;
        }

        (int Min, int Max, string[]? Names, int NameBase)[] ranges = [(0, 59, null, 0), (0, 59, null, 0), (0, 23, null, 0), (1, 31, null, 0), (1, 12, Months, 1), (0, 7, Days, 0)];
        var fields = new bool[6][];
        for (var i = 0; i < 6; i++)
        {
            var (min, max, names, nameBase) = ranges[i];
            if (!TryField(parts[i], min, max, names, nameBase, out fields[i]!))
            {
                error = $"cron expression '{text}': field {i + 1} ('{parts[i]}') is not valid";
                return false;
            }
        }

        // Sunday is both 0 and 7.
        fields[5][0] |= fields[5][7];
        schedule = new CronSchedule(fields);
        error = null;
        return true;
    }

    /// <summary>The first time strictly after <paramref name="after"/> that matches, within about five years; null if none.</summary>
    public DateTimeOffset? Next(DateTimeOffset after)
    {
        var t = after.UtcDateTime;
        t = new DateTime(t.Year, t.Month, t.Day, t.Hour, t.Minute, t.Second, DateTimeKind.Utc).AddSeconds(1);
        var limit = t.AddYears(5);
        while (t < limit)
        {
            if (!_months[t.Month])
            {
                t = new DateTime(t.Year, t.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1);
                continue;
            }

            if (!_daysOfMonth[t.Day] || !_daysOfWeek[(int)t.DayOfWeek])
            {
                t = t.Date.AddDays(1);
                continue;
            }

            if (!_hours[t.Hour])
            {
                t = new DateTime(t.Year, t.Month, t.Day, t.Hour, 0, 0, DateTimeKind.Utc).AddHours(1);
                continue;
            }

            if (!_minutes[t.Minute])
            {
                t = new DateTime(t.Year, t.Month, t.Day, t.Hour, t.Minute, 0, DateTimeKind.Utc).AddMinutes(1);
                continue;
            }

            if (!_seconds[t.Second])
            {
                t = t.AddSeconds(1);
                continue;
            }

            return new DateTimeOffset(t);
        }

        return null;
    }

    private static bool TryField(string field, int min, int max, string[]? names, int nameBase, out bool[] allowed)
    {
        allowed = new bool[max + 1];
        foreach (var item in field.Split(','))
        {
            var step = 1;
            var rangeText = item;
            var slash = item.IndexOf('/', StringComparison.Ordinal);
            if (slash >= 0)
            {
                if (!int.TryParse(item[(slash + 1)..], out step) || step <= 0)
                {
                    return false;
                }

                rangeText = item[..slash];
            }

            int from, to;
            if (rangeText is "*" or "?")
            {
                (from, to) = (min, max);
            }
            else
            {
                var dash = rangeText.IndexOf('-', StringComparison.Ordinal);
                if (dash > 0)
                {
                    if (!TryValue(rangeText[..dash], names, nameBase, out from) || !TryValue(rangeText[(dash + 1)..], names, nameBase, out to))
                    {
                        return false;
                    }
                }
                else if (TryValue(rangeText, names, nameBase, out from))
                {
                    to = slash >= 0 ? max : from;
                }
                else
                {
                    return false;
                }
            }

            if (from < min || to > max || from > to)
            {
                return false;
            }

            for (var v = from; v <= to; v += step)
            {
                allowed[v] = true;
            }
        }

        return true;
    }

    private static bool TryValue(string text, string[]? names, int nameBase, out int value)
    {
        if (int.TryParse(text, out value))
        {
            return true;
        }

        var index = names is null ? -1 : Array.IndexOf(names, text.ToUpperInvariant());
        value = index + nameBase;
        return index >= 0;
    }
}
