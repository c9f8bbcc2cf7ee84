using System.Text.RegularExpressions;
using System.Xml.Linq;
using Orchestrator.Testing;

namespace Orchestrator.Fuzz.Tests.Feel;

/// <summary>
/// Valid FEEL to mutate: the expressions the FEEL tests evaluate (string literals given to <c>InlineData</c>, <c>Show</c>,
/// <c>Eval</c> and <c>Evaluate</c>) and every expression in the shipped workflows (attribute values and texts after <c>=</c>).
/// </summary>
internal static partial class FeelCorpus
{
    /// <summary>The expressions, in a stable order.</summary>
    public static IReadOnlyList<string> Expressions { get; } = Load();

    private static string[] Load()
    {
        var fromTests = Directory.EnumerateFiles(Path.Combine(Repository.Root, "tests", "Orchestrator.Feel.Tests"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => Literal().Matches(File.ReadAllText(file)).Select(m => Unescape(m.Groups[1].Value)));
        var fromModels = Directory.EnumerateFiles(Repository.Workflows, "*.bpmn")
            .SelectMany(file => XDocument.Load(file).Descendants().SelectMany(e => e.Attributes().Select(a => a.Value).Append(e.HasElements ? string.Empty : e.Value)))
            .Select(text => text.Trim())
            .Where(text => text.StartsWith('=') && text.Length > 1)
            .Select(text => text[1..]);
        return fromTests.Concat(fromModels).Where(text => text.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
    }

    private static string Unescape(string csharp)
    {
        try
        {
            return Regex.Unescape(csharp);
        }
        catch (ArgumentException)
        {
            return csharp;
        }
    }

    [GeneratedRegex("""(?:InlineData|Show|Eval|Evaluate)\(\s*"((?:[^"\\\r\n]|\\.)*)"\s*[,)]""")]
    private static partial Regex Literal();
}
