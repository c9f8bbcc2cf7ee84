using System.Globalization;
using System.Text;
using Orchestrator.Feel.Values;

namespace Orchestrator.Feel.Temporal;

/// <summary>
/// ISO 8601 rendering of temporal values as feel-scala prints them: seconds always, a fraction
/// only when non-zero and without trailing zeros, <c>Z</c> for a zero offset, <c>@zone</c> for zones.
/// </summary>
internal static class TemporalFormat
{
    public static string Format(FeelDate value) => FormatDate(value.Value);

    public static string Format(FeelTime value)
    {
        var sb = new StringBuilder(24);
        AppendTime(sb, value.Local.ToTimeSpan());
        AppendZone(sb, value.Offset, value.Zone);
        return sb.ToString();
    }

    public static string Format(FeelDateTime value)
    {
        var sb = new StringBuilder(40);
        sb.Append(FormatDate(DateOnly.FromDateTime(value.Local))).Append('T');
        AppendTime(sb, value.Local.TimeOfDay);
        AppendZone(sb, value.Offset, value.Zone);
        return sb.ToString();
    }

    public static string Format(FeelDaysTimeDuration value)
    {
        var ticks = value.Value.Ticks;
        if (ticks == 0)
        {
            return "PT0S";
        }

        // Unsigned, so that TimeSpan.MinValue (which has no positive counterpart) prints exactly.
        var abs = ticks < 0 ? (ulong)(-(ticks + 1)) + 1 : (ulong)ticks;
        var days = abs / TimeSpan.TicksPerDay;
        var hours = abs / TimeSpan.TicksPerHour % 24;
        var minutes = abs / TimeSpan.TicksPerMinute % 60;
        var secondTicks = abs % TimeSpan.TicksPerMinute;

        var sb = new StringBuilder(32);
        if (ticks < 0)
        {
            sb.Append('-');
        }

        sb.Append('P');
        if (days > 0)
        {
            sb.Append(days.ToString(CultureInfo.InvariantCulture)).Append('D');
        }

        if (hours + minutes + secondTicks > 0)
        {
            sb.Append('T');
            if (hours > 0)
            {
                sb.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('H');
            }

            if (minutes > 0)
            {
                sb.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('M');
            }

            if (secondTicks > 0)
            {
                sb.Append(FeelNumber.Format(secondTicks / (decimal)TimeSpan.TicksPerSecond)).Append('S');
            }
        }

        return sb.ToString();
    }

    public static string Format(FeelYearsMonthsDuration value)
    {
        var months = (long)value.TotalMonths;
        var sign = months < 0 ? "-" : string.Empty;
        months = Math.Abs(months);
        var years = months / 12;
        var rest = months % 12;
        if (years == 0)
        {
            return $"{sign}P{rest.ToString(CultureInfo.InvariantCulture)}M";
        }

        return rest == 0
            ? $"{sign}P{years.ToString(CultureInfo.InvariantCulture)}Y"
            : $"{sign}P{years.ToString(CultureInfo.InvariantCulture)}Y{rest.ToString(CultureInfo.InvariantCulture)}M";
    }

    /// <summary>A UTC offset as <c>Z</c> or <c>+01:00</c>.</summary>
    public static string FormatOffset(TimeSpan offset)
    {
        if (offset == TimeSpan.Zero)
        {
            return "Z";
        }

        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var abs = offset.Duration();
        var text = $"{sign}{abs.Hours:00}:{abs.Minutes:00}";
        return abs.Seconds != 0 ? text + $":{abs.Seconds:00}" : text;
    }

    private static string FormatDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void AppendTime(StringBuilder sb, TimeSpan time)
    {
        sb.Append(time.Hours.ToString("00", CultureInfo.InvariantCulture)).Append(':')
            .Append(time.Minutes.ToString("00", CultureInfo.InvariantCulture)).Append(':')
            .Append(time.Seconds.ToString("00", CultureInfo.InvariantCulture));
        var fraction = time.Ticks % TimeSpan.TicksPerSecond;
        if (fraction != 0)
        {
            sb.Append('.').Append(fraction.ToString("0000000", CultureInfo.InvariantCulture).TrimEnd('0'));
        }
    }

    private static void AppendZone(StringBuilder sb, TimeSpan? offset, string? zone)
    {
        if (zone is not null)
        {
            sb.Append('@').Append(zone);
        }
        else if (offset is { } o)
        {
            sb.Append(FormatOffset(o));
        }
    }
}
