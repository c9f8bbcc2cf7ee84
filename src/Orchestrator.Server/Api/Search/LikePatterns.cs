namespace Orchestrator.Server.Api.Search;

/// <summary>The API's <c>$like</c> wildcards as SQL LIKE patterns.</summary>
public static class LikePatterns
{
    /// <summary>A <c>$like</c> value (<c>*</c> any text, <c>?</c> one character) as an SQL LIKE pattern with <c>\</c> escaping.</summary>
    public static string Of(string wildcards)
    {
        ArgumentNullException.ThrowIfNull(wildcards);
        return wildcards.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal)
            .Replace('*', '%').Replace('?', '_');
    }
}
