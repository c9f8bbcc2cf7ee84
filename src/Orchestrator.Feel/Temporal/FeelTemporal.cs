using System.Diagnostics.CodeAnalysis;
using Orchestrator.Feel.Values;

namespace Orchestrator.Feel.Temporal;

/// <summary>ISO 8601 parsing for hosts (timer definitions, due dates) with FEEL's rules.</summary>
public static class FeelTemporal
{
    /// <summary>
    /// Parses a date (<c>2024-01-01</c>), time, date and time (<c>2024-01-01T10:00:00Z</c>, <c>…@Europe/Berlin</c>),
    /// or a duration (<c>PT4H</c>, <c>P1M</c>); false when the text is none of them.
    /// </summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out FeelValue? value)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = TemporalParser.ParseLiteral(text);
        return value is not null;
    }
}
