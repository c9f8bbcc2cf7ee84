using Orchestrator.Engine.Execution;
using Orchestrator.Engine.State;
using Orchestrator.Engine.Tests.Support;

namespace Orchestrator.Engine.Tests.Model;

public class DeploymentTests
{
    [Fact]
    public void Redeploy_Unchanged_KeepsVersion_Changed_GetsNext_RunningInstancesStayOnTheirs()
    {
        // Arrange
        var h = new EngineHarness();
        var v1 = Assert.Single(h.Deploy("Model/modeler-style.bpmn", "Model/return-review-form.form").Processes);
        h.Engine.Deploy([new DeploymentResource("return-review-form.form", EngineHarness.Fixture("Model/return-review-form.form"))]);
        var running = h.Start("return-review");

        // Act
        var again = Assert.Single(h.Deploy("Model/modeler-style.bpmn").Processes);
        var changed = EngineHarness.Fixture("Model/modeler-style.bpmn").Replace("Review return", "Review the return", StringComparison.Ordinal);
        var v2 = Assert.Single(h.DeployXml("modeler-style.bpmn", changed).Processes);
        var next = h.Start("return-review");

        // Assert
        Assert.Equal(1, v1.Version);
        Assert.Equal(v1.Key, again.Key);
        Assert.Equal(2, v2.Version);
        Assert.Equal(v1.Key, running.Definition.Key);
        Assert.Equal(v2.Key, next.Definition.Key);
        Assert.Single(h.Store.Definitions.Forms);
        var task = h.OpenTask(running, "Task_Review");
        Assert.Equal("return-review-form", task.FormId);
        Assert.Equal(h.Store.Definitions.GetLatestForm("return-review-form")!.Key, task.FormKey);
    }

    [Fact]
    public void DeploymentWithOneBadResource_DeploysNothing()
    {
        // Arrange
        var h = new EngineHarness();

        // Act
        var error = Assert.Throws<DeploymentException>(() => h.Engine.Deploy(
        [
            new DeploymentResource("good.bpmn", EngineHarness.Fixture("Execution/refund-review.bpmn")),
            new DeploymentResource("bad.form", "{\"components\": []}"),
        ]));

        // Assert
        Assert.Contains(error.Problems, p => p.Resource == "bad.form" && p.Message.Contains("\"id\"", StringComparison.Ordinal));
        Assert.Empty(h.Store.Definitions.All);
    }

    [Fact]
    public void UnknownProcess_IsNotFound()
    {
        // Arrange
        var h = new EngineHarness();

        // Act
        var error = Assert.Throws<EngineException>(() => h.Start("nope"));

        // Assert
        Assert.Equal(EngineError.NotFound, error.Error);
    }

    [Fact]
    public void MessageAndTimerStartEvents_StartInstances_OnePerCorrelationKey()
    {
        // Arrange
        var h = new EngineHarness();
        h.DeployXml("starts.bpmn", """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0">
              <bpmn:message id="m" name="tracking-update" />
              <bpmn:process id="logistics" isExecutable="true">
                <bpmn:startEvent id="byWebhook"><bpmn:messageEventDefinition messageRef="m" /></bpmn:startEvent>
                <bpmn:sequenceFlow id="f1" sourceRef="byWebhook" targetRef="handle" />
                <bpmn:startEvent id="nightly"><bpmn:timerEventDefinition><bpmn:timeCycle>R2/PT12H</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>
                <bpmn:sequenceFlow id="f2" sourceRef="nightly" targetRef="handle" />
                <bpmn:userTask id="handle" />
              </bpmn:process>
            </bpmn:definitions>
            """);

        // Act
        h.Engine.PublishMessage("tracking-update", "PARCEL-1", variables: EngineHarness.Vars("""{"status": "Lost"}"""));
        h.Engine.PublishMessage("tracking-update", "PARCEL-1");
        h.Engine.PublishMessage("tracking-update", "PARCEL-2");
        h.Advance(TimeSpan.FromHours(12));
        h.Advance(TimeSpan.FromHours(12));
        h.Advance(TimeSpan.FromHours(12));

        // Assert: two message starts (one per key) and two timer starts (R2)
        var instances = h.Store.Instances.ToList();
        Assert.Equal(4, instances.Count);
        Assert.Equal("\"Lost\"", EngineHarness.Variable(instances[0], "status"));
        Assert.All(instances, i => Assert.Equal(LifecycleState.Active, i.State));
    }
}
