using Orchestrator.Cli.Commands;

namespace Orchestrator.Cli.Tests;

public class ModelCommandsTests
{
    private static string Model(string name) => Path.Combine(AppContext.BaseDirectory, "Models", name);

    [Fact]
    public void Validate_ValidModels_ExitZero()
    {
        // Arrange
        var output = new StringWriter();

        // Act
        var exit = ModelValidator.Run([Model("refund-review.bpmn"), Model("scopes.bpmn")], output);

        // Assert
        Assert.Equal(0, exit);
        Assert.Contains("refund-review.bpmn: valid (refund-review)", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BrokenOrMissingOrBinaryFile_PrintsFileLineElementMessage_AndExitsOne()
    {
        // Arrange
        var output = new StringWriter();
        var binary = Path.GetTempFileName();
        File.WriteAllBytes(binary, [0, 1, 2, 255, 254, 60, 0]);

        // Act
        var exit = ModelValidator.Run([Model("invalid-everything.bpmn"), "does-not-exist.bpmn", binary], output);

        // Assert
        Assert.Equal(1, exit);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.EndsWith("invalid-everything.bpmn:8: task: a service task needs a task type (zeebe:taskDefinition type)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("does-not-exist.bpmn:0: -: cannot read the file", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith(binary, StringComparison.Ordinal) && l.Contains("malformed XML", StringComparison.Ordinal));
        File.Delete(binary);
    }

    [Fact]
    public void Run_WithAScript_PrintsThePathAndTheEnd()
    {
        // Arrange
        var script = Path.GetTempFileName();
        File.WriteAllText(script, """
            [
              {"completeJob": "order.check", "variables": {"amount": 2000}},
              {"advance": "PT1H"},
              {"completeUserTask": "approve"}
            ]
            """);
        var output = new StringWriter();

        // Act
        var exit = new ModelRunner(output).Run(Model("refund-review.bpmn"), """{"amount": 10}""", script);

        // Assert
        var text = output.ToString();
        Assert.Equal(0, exit);
        Assert.Contains("ELEMENT_COMPLETED      check", text, StringComparison.Ordinal);
        Assert.Contains("+01:00 ELEMENT_COMPLETED      approve", text, StringComparison.Ordinal);
        Assert.Contains("state: completed", text, StringComparison.Ordinal);
        Assert.Contains("\"refundAmount\":1800", text, StringComparison.Ordinal);
        File.Delete(script);
    }

    [Fact]
    public void Run_WithoutAScript_StopsAtTheFirstWaitState()
    {
        // Arrange
        var output = new StringWriter();

        // Act
        var exit = new ModelRunner(output).Run(Model("escalation-tiers.bpmn"), """{"caseId": "C-1"}""", null);

        // Assert
        var text = output.ToString();
        Assert.Equal(0, exit);
        Assert.Contains("state: active", text, StringComparison.Ordinal);
        Assert.Contains("waiting: user task at tier1 for agents", text, StringComparison.Ordinal);
        Assert.Contains("waiting: timer due +1h at sla", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_AStepThatCannotHappen_ExplainsAndExitsOne()
    {
        // Arrange
        var script = Path.GetTempFileName();
        File.WriteAllText(script, """[{"completeJob": "no.such.type"}]""");
        var output = new StringWriter();

        // Act
        var exit = new ModelRunner(output).Run(Model("refund-review.bpmn"), null, script);

        // Assert
        Assert.Equal(1, exit);
        Assert.Contains("error: step 1: no job of type 'no.such.type' is waiting", output.ToString(), StringComparison.Ordinal);
        File.Delete(script);
    }

    [Fact]
    public void Bench_RunsEveryInstanceToTheEnd_AndReports()
    {
        // Arrange
        var output = new StringWriter();

        // Act
        var exit = new ModelBench(output).Run(Model("service-gateway-user.bpmn"), 300, 10, """{"check": {"approved": false, "amount": 1}}""");

        // Assert
        var text = output.ToString();
        Assert.Equal(0, exit);
        Assert.Contains("instances:    300 (300 completed)", text, StringComparison.Ordinal);
        Assert.Contains("instances/s", text, StringComparison.Ordinal);
        Assert.Contains("bytes per instance", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Bench_LeavingUserTasks_FiresTheBoundaryTimers()
    {
        // Arrange
        var output = new StringWriter();

        // Act
        var exit = new ModelBench(output, leaveUserTasks: true).Run(Model("service-gateway-user-timer.bpmn"), 100, 10, """{"check": {"approved": false}}""");

        // Assert
        Assert.Equal(0, exit);
        Assert.Contains("(100 completed)", output.ToString(), StringComparison.Ordinal);
    }
}
