using Orchestrator.Dmn;
using Orchestrator.Engine.Model;
using Orchestrator.Feel;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// <c>orchestrator validate</c>: parses each file (a folder stands for its <c>.bpmn</c> and <c>.dmn</c> files) and prints every
/// problem as <c>file:line: element-id: message</c>. BPMN files are checked one by one, then the message catalogue beside them
/// (<see cref="CatalogueValidator"/>) and the VOC reason catalogue (<see cref="ReasonsValidator"/>); the <c>.dmn</c> files are checked together, so that models importing each other resolve.
/// </summary>
internal static class ModelValidator
{
    /// <returns>0 when every file is valid, 1 otherwise.</returns>
    public static int Run(IReadOnlyList<string> arguments, TextWriter output)
    {
        var files = arguments.SelectMany(Expand).ToList();
        var uses = new List<CatalogueValidator.TemplateUse>();
        var decisions = files.Where(f => f.EndsWith(".dmn", StringComparison.OrdinalIgnoreCase)).ToList();
        var valid = decisions.Count == 0 || RunDmn(decisions, output);
        foreach (var file in files.Except(decisions))
        {
            string xml;
            try
            {
                xml = File.ReadAllText(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                output.WriteLine($"{file}:0: -: cannot read the file: {ex.Message}");
                valid = false;
                continue;
            }

            var result = BpmnParser.Parse(xml, file, FeelEngine.Default);
            foreach (var problem in result.Problems)
            {
                output.WriteLine(problem.ToString());
            }

            if (result.IsValid)
            {
                output.WriteLine($"{file}: valid ({string.Join(", ", result.Processes.Select(p => p.BpmnProcessId))})");
            }

            valid &= result.IsValid;
            uses.AddRange(CatalogueValidator.Uses(file, result.Processes));
        }

        foreach (var catalogue in files.Except(decisions).Select(CatalogueOf).Where(Directory.Exists).Distinct(StringComparer.Ordinal))
        {
            valid &= CatalogueValidator.Check(catalogue, [.. uses.Where(u => CatalogueOf(u.File) == catalogue)], output);
        }

        foreach (var reasons in files.Except(decisions).Select(ReasonsValidator.CatalogueOf).Where(File.Exists).Distinct(StringComparer.Ordinal))
        {
            valid &= ReasonsValidator.Check(reasons, output);
        }

        return valid ? 0 : 1;
    }

    private static IEnumerable<string> Expand(string argument) =>
        Directory.Exists(argument)
            ? Directory.EnumerateFiles(argument).Where(f => f.EndsWith(".bpmn", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".dmn", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal)
            : [argument];

    private static string CatalogueOf(string file) => Path.Combine(Path.GetDirectoryName(file) ?? "", "notifications");

    private static bool RunDmn(List<string> files, TextWriter output)
    {
        var sources = new List<DmnSource>();
        var valid = true;
        foreach (var file in files)
        {
            try
            {
                sources.Add(new DmnSource(file, File.ReadAllText(file)));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                output.WriteLine($"{file}:0: -: cannot read the file: {ex.Message}");
                valid = false;
            }
        }

        DmnModelSet set;
        try
        {
            set = DmnEngine.Default.Parse(sources);
        }
        catch (DmnValidationException ex)
        {
            foreach (var problem in ex.Problems)
            {
                output.WriteLine(problem.ToString());
            }

            return false;
        }

        foreach (var source in sources)
        {
            var names = set.Decisions.Where(d => d.Source == source.Name).Select(d => d.Name);
            output.WriteLine($"{source.Name}: valid ({string.Join(", ", names)})");
        }

        return valid;
    }
}
