using Orchestrator.Feel.Values;

namespace Orchestrator.Feel.Temporal;

/// <summary>The properties of temporal values that path expressions read (<c>d.year</c>, <c>t.hour</c>, <c>dt.timezone</c>, ...).</summary>
internal static class TemporalProperties
{
    /// <summary>The property <paramref name="name"/> of <paramref name="value"/>; CLR null when the value has no such property.</summary>
    public static FeelValue? Get(FeelValue value, string name)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(name);
        return null;
    }
}
