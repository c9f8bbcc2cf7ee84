using Orchestrator.Feel.Values;

namespace Orchestrator.Feel.Temporal;

/// <summary>ISO 8601 rendering of temporal values, as the CLI and <c>string()</c> print them.</summary>
internal static class TemporalFormat
{
    public static string Format(FeelDate value) => throw new NotImplementedException();

    public static string Format(FeelTime value) => throw new NotImplementedException();

    public static string Format(FeelDateTime value) => throw new NotImplementedException();

    public static string Format(FeelDaysTimeDuration value) => throw new NotImplementedException();

    public static string Format(FeelYearsMonthsDuration value) => throw new NotImplementedException();
}
