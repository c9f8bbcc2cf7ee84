using Orchestrator.Feel.Values;

namespace Orchestrator.Feel.Temporal;

/// <summary>Parses the ISO 8601 forms FEEL accepts in <c>@"..."</c> literals and conversion functions.</summary>
internal static class TemporalParser
{
    /// <summary>
    /// Parses the text of an <c>@"..."</c> literal: a date, time, date and time, days-and-time
    /// or years-and-months duration, whichever it is. Null (CLR) when it is none of them.
    /// </summary>
    public static FeelValue? ParseLiteral(string text) => throw new NotImplementedException();
}
