using System.Globalization;

namespace Orchestrator.Server.Api;

/// <summary>Wire forms of values.</summary>
public static class Json
{
    /// <summary>Keys are strings in JSON (JavaScript numbers lose digits above 2^53).</summary>
    public static string Key(long key) => key.ToString(CultureInfo.InvariantCulture);

    /// <summary>An optional key.</summary>
    public static string? Key(long? key) => key?.ToString(CultureInfo.InvariantCulture);
}
