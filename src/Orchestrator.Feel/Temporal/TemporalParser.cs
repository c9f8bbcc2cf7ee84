using System.Globalization;
using Orchestrator.Feel.Values;

namespace Orchestrator.Feel.Temporal;

/// <summary>
/// Parses the ISO 8601 forms FEEL accepts in <c>@"..."</c> literals and in the conversion
/// functions: <c>2019-01-01</c>, <c>10:30:00(.f)</c> with <c>Z</c>, <c>+01:00</c> or <c>@Europe/Paris</c>,
/// their combination with <c>T</c>, <c>P1DT2H3M4.5S</c> and <c>P1Y2M</c>. Every method returns null
/// (CLR) for text that is not of its form or names an invalid date, time or zone.
/// </summary>
internal static class TemporalParser
{
    /// <summary>The largest UTC offset java.time accepts.</summary>
    public static readonly TimeSpan MaxOffset = TimeSpan.FromHours(18);

    /// <summary>Parses any temporal literal, whichever type it is.</summary>
    public static FeelValue? ParseLiteral(string text)
    {
        if (text.StartsWith('P') || text.StartsWith("-P", StringComparison.Ordinal))
        {
            return (FeelValue?)ParseDaysTimeDuration(text) ?? ParseYearsMonthsDuration(text);
        }

        if ((text.Length >= 3 && text[2] == ':') || text.StartsWith('T'))
        {
            return ParseTime(text);
        }

        if (text.Contains('T', StringComparison.Ordinal))
        {
            return ParseDateTime(text);
        }

        return ParseDate(text);
    }

    public static FeelDate? ParseDate(string text)
    {
        var span = text.AsSpan();
        return TryDate(ref span, out var date) && span.IsEmpty ? new FeelDate(date) : null;
    }

    /// <summary>Parses <c>[T]hh:mm[:ss[.f]][zone]</c>; the <c>T</c> prefix is accepted as feel-scala does.</summary>
    public static FeelTime? ParseTime(string text)
    {
        var span = text.AsSpan();
        if (span.StartsWith("T"))
        {
            span = span[1..];
        }

        if (!TryTime(ref span, out var time) || !TryZone(span, out var offset, out var zone))
        {
            return null;
        }

        return new FeelTime(TimeOnly.FromTimeSpan(time), offset, zone);
    }

    /// <summary>Parses <c>date T time [zone]</c>; a plain date is not accepted here.</summary>
    public static FeelDateTime? ParseDateTime(string text)
    {
        var span = text.AsSpan();
        if (!TryDate(ref span, out var date) || span.IsEmpty || span[0] != 'T')
        {
            return null;
        }

        span = span[1..];
        if (!TryTime(ref span, out var time) || !TryZone(span, out var offset, out var zone))
        {
            return null;
        }

        return new FeelDateTime(date.ToDateTime(TimeOnly.MinValue).Add(time), offset, zone);
    }

    /// <summary>Parses <c>[-]P[nD][T[nH][nM][n[.n]S]]</c> with at least one part.</summary>
    public static FeelDaysTimeDuration? ParseDaysTimeDuration(string text)
    {
        var span = text.AsSpan();
        if (!TryDurationStart(ref span, out var negative))
        {
            return null;
        }

        decimal seconds = 0;
        var parts = 0;
        if (TryNumberBefore(ref span, 'D', allowFraction: false, out var days))
        {
            seconds += days * 86_400;
            parts++;
        }

        if (!span.IsEmpty)
        {
            if (span[0] != 'T' || span.Length == 1)
            {
                return null;
            }

            span = span[1..];
            if (TryNumberBefore(ref span, 'H', allowFraction: false, out var hours))
            {
                seconds += hours * 3_600;
                parts++;
            }

            if (TryNumberBefore(ref span, 'M', allowFraction: false, out var minutes))
            {
                seconds += minutes * 60;
                parts++;
            }

            if (TryNumberBefore(ref span, 'S', allowFraction: true, out var secs))
            {
                seconds += secs;
                parts++;
            }

            if (!span.IsEmpty)
            {
                return null;
            }
        }

        if (parts == 0)
        {
            return null;
        }

        // TimeSpan holds about 10.6 million days; more is not a duration FEEL can represent here.
        if (seconds > (decimal)TimeSpan.MaxValue.TotalSeconds)
        {
            return null;
        }

        var ticks = seconds * TimeSpan.TicksPerSecond;

        var duration = TimeSpan.FromTicks((long)ticks);
        return new FeelDaysTimeDuration(negative ? duration.Negate() : duration);
    }

    /// <summary>Parses <c>[-]P[nY][nM]</c> with at least one part.</summary>
    public static FeelYearsMonthsDuration? ParseYearsMonthsDuration(string text)
    {
        var span = text.AsSpan();
        if (!TryDurationStart(ref span, out var negative))
        {
            return null;
        }

        decimal months = 0;
        var parts = 0;
        if (TryNumberBefore(ref span, 'Y', allowFraction: false, out var years))
        {
            months += years * 12;
            parts++;
        }

        if (TryNumberBefore(ref span, 'M', allowFraction: false, out var m))
        {
            months += m;
            parts++;
        }

        if (parts == 0 || !span.IsEmpty || months > int.MaxValue)
        {
            return null;
        }

        return new FeelYearsMonthsDuration(negative ? -(int)months : (int)months);
    }

    /// <summary>
    /// Parses a zone argument as java's <c>ZoneId.of</c> reads it: an IANA id (<c>Europe/Paris</c>), or a
    /// fixed offset (<c>Z</c>, <c>+02:00</c>). False when it is neither.
    /// </summary>
    public static bool TryParseZone(string text, out TimeSpan? offset, out string? zone)
    {
        offset = null;
        zone = null;
        if (TemporalZones.TryFind(text, out _))
        {
            zone = text;
            return true;
        }

        return text.Length > 0 && text[0] != '@' && TryZone(text, out offset, out zone) && offset is not null;
    }

    /// <summary>Reads the optional minus sign and the <c>P</c> that start every ISO 8601 duration.</summary>
    private static bool TryDurationStart(ref ReadOnlySpan<char> span, out bool negative)
    {
        negative = span.StartsWith("-");
        if (negative)
        {
            span = span[1..];
        }

        if (span.IsEmpty || span[0] != 'P')
        {
            return false;
        }

        span = span[1..];
        return true;
    }

    private static bool TryDate(ref ReadOnlySpan<char> span, out DateOnly date)
    {
        date = default;
        if (span.Length < 10 || span[4] != '-' || span[7] != '-'
            || !TryDigits(span[..4], out var year) || !TryDigits(span.Slice(5, 2), out var month) || !TryDigits(span.Slice(8, 2), out var day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        span = span[10..];
        return true;
    }

    private static bool TryTime(ref ReadOnlySpan<char> span, out TimeSpan time)
    {
        time = default;
        if (span.Length < 5 || span[2] != ':'
            || !TryDigits(span[..2], out var hour) || !TryDigits(span.Slice(3, 2), out var minute) || hour > 23 || minute > 59)
        {
            return false;
        }

        // Seconds are optional (10:30), as java.time's ISO time parser allows; a fraction needs them.
        var second = 0;
        var hasSeconds = span.Length >= 8 && span[5] == ':';
        if (hasSeconds && (!TryDigits(span.Slice(6, 2), out second) || second > 59))
        {
            return false;
        }

        long ticks = (((hour * 60L) + minute) * 60L + second) * TimeSpan.TicksPerSecond;
        span = span[(hasSeconds ? 8 : 5)..];
        if (hasSeconds && !span.IsEmpty && span[0] == '.')
        {
            var digits = 1;
            while (digits < span.Length && char.IsAsciiDigit(span[digits]))
            {
                digits++;
            }

            if (digits == 1 || digits > 10)
            {
                return false;
            }

            var fraction = span[1..digits].ToString().PadRight(7, '0')[..7];
            ticks += long.Parse(fraction, CultureInfo.InvariantCulture);
            span = span[digits..];
        }

        time = TimeSpan.FromTicks(ticks);
        return true;
    }

    private static bool TryZone(ReadOnlySpan<char> span, out TimeSpan? offset, out string? zone)
    {
        offset = null;
        zone = null;
        if (span.IsEmpty)
        {
            return true;
        }

        if (span is "Z" or "z")
        {
            offset = TimeSpan.Zero;
            return true;
        }

        if (span[0] == '@')
        {
            var id = span[1..].ToString();
            if (!TemporalZones.TryFind(id, out _))
            {
                return false;
            }

            zone = id;
            return true;
        }

        if (span.Length is 6 or 9 && span[0] is '+' or '-' && span[3] == ':'
            && TryDigits(span.Slice(1, 2), out var hours) && TryDigits(span.Slice(4, 2), out var minutes) && minutes <= 59)
        {
            var seconds = 0;
            if (span.Length == 9 && (span[6] != ':' || !TryDigits(span.Slice(7, 2), out seconds) || seconds > 59))
            {
                return false;
            }

            var value = new TimeSpan(hours, minutes, seconds);
            if (value > MaxOffset)
            {
                return false;
            }

            offset = span[0] == '-' ? value.Negate() : value;
            return true;
        }

        return false;
    }

    private static bool TryNumberBefore(ref ReadOnlySpan<char> span, char designator, bool allowFraction, out decimal value)
    {
        value = 0;
        var length = 0;
        while (length < span.Length && char.IsAsciiDigit(span[length]))
        {
            length++;
        }

        // A fraction (seconds only) needs a digit before the point: PT1.5S, not PT.5S.
        if (allowFraction && length > 0 && length < span.Length && span[length] == '.')
        {
            length++;
            while (length < span.Length && char.IsAsciiDigit(span[length]))
            {
                length++;
            }
        }

        if (length == 0 || length >= span.Length || span[length] != designator || length > 18)
        {
            return false;
        }

        if (!decimal.TryParse(span[..length], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
        {
            return false;
        }

        span = span[(length + 1)..];
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> span, out int value)
    {
        value = 0;
        foreach (var c in span)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
