using Orchestrator.Testing;

namespace Orchestrator.Fuzz.Tests.Bpmn;

/// <summary>Models to mutate: the shipped workflows and every BPMN fixture of the test projects, in a stable order.</summary>
internal static class BpmnCorpus
{
    /// <summary>(file name, XML) of each model.</summary>
    public static IReadOnlyList<(string Name, string Xml)> Models { get; } =
        Directory.EnumerateFiles(Repository.Workflows, "*.bpmn")
            .Concat(Directory.EnumerateFiles(Path.Combine(Repository.Root, "tests"), "*.bpmn", SearchOption.AllDirectories)
                .Where(path => !path.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "node_modules")))
            .Order(StringComparer.Ordinal)
            .Select(path => (Path.GetFileName(path), File.ReadAllText(path)))
            .ToArray();
}
