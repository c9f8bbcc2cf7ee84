using Orchestrator.Engine.Model;
using Orchestrator.Feel;

namespace Orchestrator.Workflows.Tests;

/// <summary>The shipped models: each one valid, and all of them deployed by the server at start-up.</summary>
public sealed class ModelTests(WorkflowServer server) : IClassFixture<WorkflowServer>
{
    public static TheoryData<string> Models() =>
        [.. Directory.EnumerateFiles(WorkflowServer.WorkflowsFolder, "*.bpmn").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Models))]
    public void Every_model_in_workflows_is_valid(string file)
    {
        var result = BpmnParser.Parse(File.ReadAllText(Path.Combine(WorkflowServer.WorkflowsFolder, file)), file, new FeelEngine());

        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        Assert.Contains("<bpmndi:BPMNDiagram", File.ReadAllText(Path.Combine(WorkflowServer.WorkflowsFolder, file)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_server_deploys_every_model_and_form_at_start_up()
    {
        var deployed = (await server.SearchAsync("process-definitions", new { })).Select(d => d!["resourceName"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);

        foreach (var file in Directory.EnumerateFiles(WorkflowServer.WorkflowsFolder, "*.bpmn"))
        {
            Assert.Contains(Path.GetFileName(file), deployed);
        }
    }
}
