using Orchestrator.Engine.Model;
using Orchestrator.Feel;

namespace Orchestrator.Cli.Commands;

/// <summary><c>orchestrator validate</c>: parses each file and prints every problem as <c>file:line: element-id: message</c>.</summary>
internal static class ModelValidator
{
    /// <returns>0 when every file is valid, 1 otherwise.</returns>
    public static int Run(IReadOnlyList<string> files, TextWriter output)
    {
        var valid = true;
        foreach (var file in files)
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
        }

        return valid ? 0 : 1;
    }
}
