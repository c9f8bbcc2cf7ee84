using Orchestrator.Feel.Json;
using Orchestrator.Feel.Values;

namespace Orchestrator.Dmn.Tests.Support;

/// <summary>Loads the <c>.dmn</c> fixtures copied beside the tests and builds and renders FEEL values compactly.</summary>
internal static class DmnFixtures
{
    /// <summary>The text of a fixture, by its path relative to the test project (e.g. <c>Lending/lending.dmn</c>).</summary>
    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, relativePath));

    /// <summary>A fixture as a source named by its file name, as problems name it.</summary>
    public static DmnSource Source(string relativePath) => new(Path.GetFileName(relativePath), Read(relativePath));

    /// <summary>Parses fixtures that may import each other.</summary>
    public static DmnModelSet Load(params string[] relativePaths) => DmnEngine.Default.Parse(relativePaths.Select(Source));

    /// <summary>A FEEL context from JSON (objects become contexts, arrays lists, numbers exact decimals).</summary>
    public static FeelContext Vars(string json) => (FeelContext)FeelJson.FromJson(json);

    /// <summary>A value as compact JSON, for one-line assertions on lists and contexts.</summary>
    public static string Json(FeelValue value) => FeelJson.ToJsonString(value);

    /// <summary>The 1-based line of the first occurrence of <paramref name="fragment"/> in a fixture, so tests do not hard-code lines.</summary>
    public static int LineOf(string relativePath, string fragment)
    {
        var lines = Read(relativePath).Split('\n');
        var index = Array.FindIndex(lines, l => l.Contains(fragment, StringComparison.Ordinal));
        Assert.True(index >= 0, $"'{fragment}' is not in {relativePath}");
        return index + 1;
    }
}
