namespace Orchestrator.Feel.Temporal;

/// <summary>IANA time-zone rules.</summary>
internal static class TemporalZones
{
    /// <summary>The UTC offset of <paramref name="zone"/> at the wall-clock time <paramref name="local"/>.</summary>
    public static TimeSpan OffsetAt(string zone, DateTime local) => throw new NotImplementedException();
}
