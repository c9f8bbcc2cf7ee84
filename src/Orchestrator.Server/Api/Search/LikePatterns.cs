using System.Text.RegularExpressions;

namespace Orchestrator.Server.Api.Search;

/// <summary>The API's <c>$like</c> wildcards as SQL LIKE patterns, and as regular expressions for matching in memory.</summary>
public static class LikePatterns
{
    /// <summary>A <c>$like</c> value (<c>*</c> any text, <c>?</c> one character) as an SQL LIKE pattern with <c>\</c> escaping.</summary>
    public static string Of(string wildcards)
    {
        ArgumentNullException.ThrowIfNull(wildcards);
        return wildcards.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal)
            .Replace('*', '%').Replace('?', '_');
    }

    /// <summary>A <c>$like</c> value as a regular expression that matches a whole text (case counts, as in PostgreSQL's LIKE).</summary>
    public static Regex Regex(string wildcards)
    {
        ArgumentNullException.ThrowIfNull(wildcards);
        return new Regex("^" + string.Concat(wildcards.Select(c => c switch { '*' => ".*", '?' => ".", _ => System.Text.RegularExpressions.Regex.Escape(c.ToString()) })) + "$",
            RegexOptions.CultureInvariant | RegexOptions.Singleline | RegexOptions.NonBacktracking);
    }
}
