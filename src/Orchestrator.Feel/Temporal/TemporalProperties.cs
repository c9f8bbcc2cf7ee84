using Orchestrator.Feel.Values;

namespace Orchestrator.Feel.Temporal;

/// <summary>The properties of temporal values that path expressions read (<c>d.year</c>, <c>t.hour</c>, <c>dt.timezone</c>, ...), per DMN 1.5 table 10.3.2.3.</summary>
internal static class TemporalProperties
{
    /// <summary>The property <paramref name="name"/> of <paramref name="value"/>; CLR null when the value has no such property.</summary>
    public static FeelValue? Get(FeelValue value, string name) => value switch
    {
        FeelDate d => DateProperty(d.Value, name),
        FeelDateTime dt => DateProperty(DateOnly.FromDateTime(dt.Local), name)
            ?? TimeProperty(dt.Local.TimeOfDay, dt.Offset, dt.Zone, name),
        FeelTime t => TimeProperty(t.Local.ToTimeSpan(), t.Offset, t.Zone, name),
        FeelDaysTimeDuration d => name switch
        {
            "days" => FeelNumber.Of(d.Value.Days),
            "hours" => FeelNumber.Of(d.Value.Hours),
            "minutes" => FeelNumber.Of(d.Value.Minutes),
            "seconds" => FeelNumber.Of(d.Value.Seconds),
            _ => null,
        },
        FeelYearsMonthsDuration d => name switch
        {
            "years" => FeelNumber.Of(d.TotalMonths / 12),
            "months" => FeelNumber.Of(d.TotalMonths % 12),
            _ => null,
        },
        _ => null,
    };

    private static FeelNumber? DateProperty(DateOnly date, string name) => name switch
    {
        "year" => FeelNumber.Of(date.Year),
        "month" => FeelNumber.Of(date.Month),
        "day" => FeelNumber.Of(date.Day),
        "weekday" => FeelNumber.Of(date.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)date.DayOfWeek),
        _ => null,
    };

    private static FeelValue? TimeProperty(TimeSpan time, TimeSpan? offset, string? zone, string name) => name switch
    {
        "hour" => FeelNumber.Of(time.Hours),
        "minute" => FeelNumber.Of(time.Minutes),
        "second" => FeelNumber.Of(time.Seconds + ((decimal)(time.Ticks % TimeSpan.TicksPerSecond) / TimeSpan.TicksPerSecond)),
        "time offset" => (offset ?? StandardOffset(zone)) is { } o ? new FeelDaysTimeDuration(o) : FeelNull.Instance,
        "timezone" => zone is not null ? new FeelString(zone) : FeelNull.Instance,
        _ => null,
    };

    /// <summary>A zoned time has no date to choose daylight time by, so it reports the zone's standard offset (as feel-scala and comparisons do).</summary>
    private static TimeSpan? StandardOffset(string? zone) =>
        zone is not null && TemporalZones.TryFind(zone, out var info) ? info.BaseUtcOffset : null;
}
