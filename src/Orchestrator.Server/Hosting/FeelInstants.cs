using Orchestrator.Feel.Temporal;
using Orchestrator.Feel.Values;

namespace Orchestrator.Server.Hosting;

/// <summary>
/// The instant a FEEL value names, as the server stores and compares times: a date and time (with an offset, or a zone —
/// <c>string(now())</c> on a host outside UTC gives <c>…@Asia/Shanghai</c>), a date (its midnight, UTC), or a string holding
/// either. Offsets FEEL allows and .NET does not (beyond ±14 h, with seconds) are converted through UTC, never thrown.
/// </summary>
public static class FeelInstants
{
    /// <summary>The instant, or null when the value names none.</summary>
    public static DateTimeOffset? Of(FeelValue? value) => value switch
    {
        FeelDateTime { Offset: { } offset } t => Utc(t.Local.Ticks - offset.Ticks),
        FeelDateTime t => Utc(t.Local.Ticks),
        FeelDate d => Utc(d.Value.ToDateTime(TimeOnly.MinValue).Ticks),
        FeelString s when FeelTemporal.TryParse(s.Value, out var parsed) && parsed is FeelDateTime or FeelDate => Of(parsed),
        _ => null,
    };

    /// <summary>The instant a variable's JSON value names, or null (not JSON, not a time).</summary>
    public static DateTimeOffset? OfJson(string json) => Of(StoredValues.Read(json));

    private static DateTimeOffset? Utc(long ticks) =>
        ticks >= 0 && ticks <= DateTime.MaxValue.Ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
}
