using System.Globalization;
using System.Security.Claims;
using Orchestrator.Server.Api;
using Orchestrator.Server.Auth;

namespace Orchestrator.Server.Quality;

/// <summary>The period a report covers (<c>from</c> inclusive, <c>to</c> exclusive; by default the 30 days up to now) and who asks.</summary>
public sealed record ReportWindow(DateTimeOffset From, DateTimeOffset To)
{
    private static readonly TimeSpan Longest = TimeSpan.FromDays(3660);

    private static readonly DateTimeOffset Earliest = DateTimeOffset.UnixEpoch;

    /// <summary>The period just before, as long as this one.</summary>
    public ReportWindow Previous => new(From - (To - From), From);

    /// <summary>Reads <c>from</c> and <c>to</c>; 400 when either is not a date-time or they are the wrong way round.</summary>
    public static ReportWindow Parse(string? from, string? to, DateTimeOffset now)
    {
        var end = Instant("to", to) ?? now;
        var start = Instant("from", from) ?? end.AddDays(-30);
        if (start >= end)
        {
            throw ApiException.Invalid($"from ({start:O}) must be before to ({end:O})");
        }

        if (end - start > Longest)
        {
            throw ApiException.Invalid("a report covers at most ten years");
        }

        return new ReportWindow(start.ToUniversalTime(), end.ToUniversalTime());
    }

    /// <summary>The one value of <paramref name="name"/> among <paramref name="allowed"/>; 400 naming them otherwise.</summary>
    public static string Choice(string name, string? value, string fallback, params string[] allowed)
    {
        var chosen = value ?? fallback;
        return allowed.Contains(chosen, StringComparer.Ordinal)
            ? chosen
            : throw ApiException.Invalid($"{name} must be one of {string.Join(", ", allowed)}, not '{chosen}'");
    }

    /// <summary>True for <c>format=csv</c>, false for none or <c>json</c>; 400 otherwise.</summary>
    public static bool Csv(string? format) => Choice("format", format, "json", "json", "csv") == "csv";

    /// <summary>
    /// The user whose own rows alone the caller may see in per-agent figures: an agent sees their own, leads and admins
    /// (who see every task, or work none) everyone's.
    /// </summary>
    public static string? OnlyAgent(ClaimsPrincipal user) =>
        Permissions.Has(user, Permissions.TasksWork) && !TaskVisibility.SeesAll(user) ? user.Identity?.Name ?? string.Empty : null;

    private static DateTimeOffset? Instant(string name, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            // A window starts up to ten years before its end and has a period before it as long: near year 1 that is no date.
            return value >= Earliest
                ? value
                : throw ApiException.Invalid($"{name} must be in 1970 or later, not '{text}'");
        }

        throw ApiException.Invalid($"{name} must be an ISO 8601 date or date-time, e.g. 2026-12-01T00:00:00Z, not '{text}'");
    }
}
