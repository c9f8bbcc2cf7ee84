using Orchestrator.Dmn;
using Orchestrator.Engine.Model;
using Orchestrator.Feel;

namespace Orchestrator.Workflows.Tests;

/// <summary>The shipped models: each one valid, and all of them deployed by the server at start-up.</summary>
public sealed class ModelTests(WorkflowServer server) : IClassFixture<WorkflowServer>
{
    public static TheoryData<string> Models() => Files("*.bpmn");

    public static TheoryData<string> Decisions() => Files("*.dmn");

    [Theory]
    [MemberData(nameof(Models))]
    public void Every_model_in_workflows_is_valid(string file)
    {
        var result = BpmnParser.Parse(File.ReadAllText(Path.Combine(WorkflowServer.WorkflowsFolder, file)), file, new FeelEngine());

        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        Assert.Contains("<bpmndi:BPMNDiagram", File.ReadAllText(Path.Combine(WorkflowServer.WorkflowsFolder, file)), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Decisions))]
    public void Every_decision_model_in_workflows_is_valid_in_DMN_1_3s_namespace_with_its_diagram(string file)
    {
        var xml = File.ReadAllText(Path.Combine(WorkflowServer.WorkflowsFolder, file));

        Assert.Empty(DmnEngine.Default.Validate([new DmnSource(file, xml)]));
        // DMN 1.3 is what the designer (camunda-dmn-js) and Camunda Modeler open; the engine reads 1.1 to 1.5.
        Assert.Contains("xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\"", xml, StringComparison.Ordinal);
        Assert.Contains("<dmndi:DMNDiagram", xml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_server_deploys_every_model_and_form_at_start_up()
    {
        var deployed = (await server.SearchAsync("process-definitions", new { })).Select(d => d!["resourceName"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        var decisions = (await server.SearchAsync("decision-requirements", new { })).Select(d => d!["resourceName"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);

        foreach (var file in Directory.EnumerateFiles(WorkflowServer.WorkflowsFolder, "*.bpmn"))
        {
            Assert.Contains(Path.GetFileName(file), deployed);
        }

        foreach (var file in Directory.EnumerateFiles(WorkflowServer.WorkflowsFolder, "*.dmn"))
        {
            Assert.Contains(Path.GetFileName(file), decisions);
        }
    }

    private static TheoryData<string> Files(string pattern) =>
        [.. Directory.EnumerateFiles(WorkflowServer.WorkflowsFolder, pattern).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];
}
