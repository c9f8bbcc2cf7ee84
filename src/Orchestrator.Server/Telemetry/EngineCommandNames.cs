using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Orchestrator.Server.Telemetry;

/// <summary>
/// Names an engine command for spans and metrics from the source text of the lambda that runs it (the compiler's
/// <c>CallerArgumentExpression</c>): <c>engine => engine.CompleteJob(key, variables)</c> is <c>CompleteJob</c>. So
/// the call sites stay as they are, and a new one is named without anyone remembering to.
/// </summary>
internal static partial class EngineCommandNames
{
    /// <summary>The name of a command whose text calls no engine method (a delegate passed on by name).</summary>
    public const string Unnamed = "Unnamed";

    // Call sites are few and their texts are constants: the cache stays small.
    private static readonly ConcurrentDictionary<string, string> Names = new(StringComparer.Ordinal);

    /// <summary>The first method the lambda calls on its parameter, or <see cref="Unnamed"/>.</summary>
    public static string Of(string? expression) =>
        string.IsNullOrEmpty(expression) ? Unnamed : Names.GetOrAdd(expression, static text => FirstCall().Match(text) is { Success: true } match ? match.Groups["name"].Value : Unnamed);

    [GeneratedRegex(@"^\s*\(?\s*(?<engine>\w+)\s*\)?\s*=>.*?\b\k<engine>\s*\.\s*(?<name>\w+)\s*\(", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex FirstCall();
}
