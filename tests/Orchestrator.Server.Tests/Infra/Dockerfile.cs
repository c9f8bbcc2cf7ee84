using System.Text.RegularExpressions;

namespace Orchestrator.Server.Tests.Infra;

/// <summary>A Dockerfile read into its stages: each <c>FROM</c> (with the global <c>ARG</c> defaults put in) and its instructions.</summary>
internal sealed partial record Dockerfile(string Image, string? Name, List<(string Instruction, string Arguments)> Instructions)
{
    /// <summary>The arguments of every <paramref name="instruction"/> in this stage, in order.</summary>
    public List<string> Arguments(string instruction) =>
        [.. Instructions.Where(i => i.Instruction == instruction).Select(i => i.Arguments)];

    /// <summary>The stages of the Dockerfile at <paramref name="path"/>.</summary>
    public static List<Dockerfile> Read(string path)
    {
        var text = File.ReadAllText(path).Replace("\\\n", " ", StringComparison.Ordinal);
        var arguments = new Dictionary<string, string>(StringComparer.Ordinal);
        var stages = new List<Dockerfile>();
        foreach (var line in text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var (instruction, rest) = (line.Split(' ', 2)[0].ToUpperInvariant(), line.Split(' ', 2).ElementAtOrDefault(1) ?? "");
            rest = Whitespace().Replace(rest, " ");
            if (instruction == "ARG" && stages.Count == 0 && rest.Split('=', 2) is [var name, var value])
            {
                arguments[name] = value;
            }
            else if (instruction == "FROM")
            {
                var parts = Variable().Replace(rest, m => arguments[m.Groups[1].Value]).Split(' ');
                stages.Add(new Dockerfile(parts[0], parts.Length == 3 ? parts[2] : null, []));
            }
            else if (stages.Count > 0)
            {
                stages[^1].Instructions.Add((instruction, rest));
            }
        }

        return stages;
    }

    [GeneratedRegex(@"\$\{([A-Za-z0-9_]+)\}")]
    private static partial Regex Variable();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
