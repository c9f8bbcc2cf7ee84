using System.Globalization;

namespace Orchestrator.Engine.Calendars;

/// <summary>A calendar as configuration writes it: zone id, <c>"09:00-12:00,13:00-18:00"</c> per weekday name, holiday dates.</summary>
public sealed class BusinessCalendarSpec
{
    /// <summary>The IANA zone id (e.g. <c>Asia/Shanghai</c>). Default UTC.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Working hours by weekday name (<c>Monday</c>..<c>Sunday</c>), intervals separated by commas; a missing day is off.</summary>
    public Dictionary<string, string> Hours { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Days off as <c>yyyy-MM-dd</c>.</summary>
    public List<string> Holidays { get; set; } = [];

    /// <summary>Builds the calendar; every mistake is named with the calendar, the day and the text.</summary>
    /// <exception cref="ArgumentException">The spec has a mistake.</exception>
    public BusinessCalendar Build(string name)
    {
        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        }
        catch (TimeZoneNotFoundException)
        {
            throw new ArgumentException($"calendar '{name}': time zone '{TimeZone}' is unknown");
        }

        var hours = new Dictionary<DayOfWeek, IReadOnlyList<(TimeOnly, TimeOnly)>>();
        foreach (var (dayName, text) in Hours)
        {
            if (!Enum.TryParse<DayOfWeek>(dayName, ignoreCase: true, out var day))
            {
                throw new ArgumentException($"calendar '{name}': '{dayName}' is not a weekday name (Monday..Sunday)");
            }

            hours[day] = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(interval =>
            {
                var parts = interval.Split('-', StringSplitOptions.TrimEntries);
                return parts.Length == 2
                    && TimeOnly.TryParseExact(parts[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
                    && TryEnd(parts[1], out var end)
                        ? (start, end)
                        : throw new ArgumentException($"calendar '{name}': {dayName} '{interval}' is not HH:mm-HH:mm");
            }).ToList();
        }

        var holidays = Holidays.Select(h => DateOnly.TryParseExact(h, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new ArgumentException($"calendar '{name}': holiday '{h}' is not yyyy-MM-dd"));
        return new BusinessCalendar(name, zone, hours, holidays);
    }

    private static bool TryEnd(string text, out TimeOnly end)
    {
        // 24:00 closes the day.
        if (text == "24:00")
        {
            end = TimeOnly.MaxValue;
            return true;
        }

        return TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out end);
    }
}
