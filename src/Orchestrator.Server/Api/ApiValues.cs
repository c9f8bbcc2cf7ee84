using Orchestrator.Feel.Values;

namespace Orchestrator.Server.Api;

/// <summary>Helpers for variables in requests.</summary>
public static class ApiValues
{
    /// <summary>The variables of a request, checked to be an object of names to values (or absent).</summary>
    public static IReadOnlyDictionary<string, FeelValue>? Of(Dictionary<string, FeelValue>? variables) =>
        variables is null ? null : new Dictionary<string, FeelValue>(variables, StringComparer.Ordinal);

    /// <summary>A tenant other than the default one is refused: this server has one tenant.</summary>
    public static void CheckTenant(string? tenantId)
    {
        if (tenantId is not null and not "<default>")
        {
            throw ApiException.Invalid($"tenantId '{tenantId}' is unknown; this server has only the tenant '<default>'");
        }
    }

    /// <summary>A key given in the path.</summary>
    public static long Key(string name, string text) =>
        long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var key)
            ? key
            : throw ApiException.Invalid($"{name} '{text}' is not a key (a string of digits)");

    /// <summary>A key given in a body.</summary>
    public static long? OptionalKey(string name, string? text) => text is null ? null : Key(name, text);

    /// <summary>The longest duration a request may give in milliseconds: a hundred years, so that now plus it is still a date.</summary>
    public const long MaxMilliseconds = 36_525L * 86_400_000;

    /// <summary>A duration given in milliseconds, refused unless between 0 and <see cref="MaxMilliseconds"/>.</summary>
    public static TimeSpan Milliseconds(string name, long milliseconds) =>
        milliseconds is >= 0 and <= MaxMilliseconds
            ? TimeSpan.FromMilliseconds(milliseconds)
            : throw ApiException.Invalid($"{name} {milliseconds} (milliseconds) must be between 0 and {MaxMilliseconds} (a hundred years)");

    /// <summary>The tenant every response names.</summary>
    public const string Tenant = "<default>";
}
