using Orchestrator.Engine.State;
using Orchestrator.Engine.Tests.Support;
using Orchestrator.Feel.Json;

namespace Orchestrator.Engine.Tests.Execution;

public class ScopesTests
{
    private const string TwoItems = """{"returnId": "R-1", "items": [{"sku": "A", "qty": 1}, {"sku": "B", "qty": 3}]}""";

    [Fact]
    public void ParallelMultiInstance_MapsInputsPerItem_AndCollectsOutputsInOrder()
    {
        // Arrange
        var h = new EngineHarness();
        h.Deploy("Execution/scopes.bpmn");
        var instance = h.Start("return-items", TwoItems);

        // Act
        var jobs = h.Engine.ActivateJobs("warehouse.inspect", "w", TimeSpan.FromMinutes(1), 10);

        // Assert: both inner instances at once, each with its own mapped inputs
        Assert.Equal(2, jobs.Count);
        Assert.Equal(["\"A\"", "\"B\""], jobs.Select(j => FeelJson.ToJsonString(j.Variables["sku"])).Order());
        Assert.Contains(jobs, j => FeelJson.ToJsonString(j.Variables["request"]) == """{"units":6}""");

        // Act: complete out of order
        var byItem = jobs.ToDictionary(j => FeelJson.ToJsonString(j.Variables["sku"]));
        h.Engine.CompleteJob(byItem["\"B\""].Key, EngineHarness.Vars("""{"result": "dispose"}"""));
        h.Engine.CompleteJob(byItem["\"A\""].Key, EngineHarness.Vars("""{"result": "restock"}"""));

        // Assert: outputs by item position; the job's raw result did not leak to the process
        Assert.Equal("""["restock","dispose"]""", EngineHarness.Variable(instance, "results"));
        Assert.Null(EngineHarness.Variable(instance, "result"));
        Assert.Null(EngineHarness.Variable(instance, "sku"));
    }

    [Fact]
    public void EscalationCaughtNonInterrupting_RunsAlongside_LinkJumps_CallActivityMapsOutputs()
    {
        // Arrange
        var h = new EngineHarness();
        h.Deploy("Execution/scopes.bpmn");
        var instance = h.Start("return-items", """{"returnId": "R-2", "items": []}""");

        // Assert: empty collection passes through, the escalation started the apology alongside the call activity
        Assert.Equal(["apologise", "onLate", "refund"], EngineHarness.Active(instance));
        Assert.Equal("[]", EngineHarness.Variable(instance, "results"));
        var child = Assert.Single(h.Store.Instances, i => i.Definition.BpmnProcessId == "payment-refund");
        Assert.Equal(instance.Key, child.ParentInstanceKey);
        Assert.Equal("\"R-2\"", EngineHarness.Variable(child, "returnId"));

        // Act
        h.CompleteJob("payment.refund", """{"refundId": "RF-9", "internal": 1}""");
        h.CompleteJob("notify.apology");
        Assert.Empty(EngineHarness.Active(instance));

        // Assert: only the mapped output came back
        Assert.Equal(LifecycleState.Completed, child.State);
        Assert.Equal(LifecycleState.Completed, instance.State);
        Assert.Equal("\"RF-9\"", EngineHarness.Variable(instance, "refundReference"));
        Assert.Null(EngineHarness.Variable(instance, "internal"));
        Assert.Contains("landing", h.Completed(instance));
    }

    [Fact]
    public void InterruptingMessageEventSubprocess_CancelsEverythingElse()
    {
        // Arrange
        var h = new EngineHarness();
        h.Deploy("Execution/scopes.bpmn");
        var instance = h.Start("return-items", TwoItems);

        // Act
        h.Engine.CorrelateMessage("cancel-return", "R-1");

        // Assert
        Assert.Equal(LifecycleState.Completed, instance.State);
        Assert.Contains("cancelled", h.Completed(instance));
        Assert.All(h.Store.Jobs, j => Assert.Equal(JobState.Canceled, j.State));
    }

    [Fact]
    public void SignalEventSubprocessWithTerminateEnd_EndsTheInstanceAndItsCalledChild()
    {
        // Arrange
        var h = new EngineHarness();
        h.Deploy("Execution/scopes.bpmn");
        var instance = h.Start("return-items", """{"returnId": "R-3", "items": []}""");
        var child = Assert.Single(h.Store.Instances, i => i.Definition.BpmnProcessId == "payment-refund");

        // Act
        h.Engine.BroadcastSignal("product-recall");

        // Assert
        Assert.Equal(LifecycleState.Completed, instance.State);
        Assert.Equal(LifecycleState.Terminated, child.State);
    }

    [Fact]
    public void MissingCalledProcess_RaisesCalledElementIncident()
    {
        // Arrange
        var h = new EngineHarness();
        h.DeployXml("caller.bpmn", """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0">
              <bpmn:process id="caller" isExecutable="true">
                <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="call" />
                <bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="=target" /></bpmn:extensionElements></bpmn:callActivity>
              </bpmn:process>
            </bpmn:definitions>
            """);

        // Act
        var instance = h.Start("caller", """{"target": "nowhere"}""");

        // Assert
        var incident = Assert.Single(h.Store.Incidents);
        Assert.Equal(IncidentType.CalledElementError, incident.Type);
        Assert.Contains("nowhere", incident.ErrorMessage, StringComparison.Ordinal);
        Assert.True(instance.HasIncident);
    }

    [Fact]
    public void FailingInputMapping_RaisesIoMappingIncident_ResolvedAfterTheVariableIsSet()
    {
        // Arrange
        var h = new EngineHarness();
        h.DeployXml("mapping.bpmn", """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0">
              <bpmn:process id="mapping" isExecutable="true">
                <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="t" />
                <bpmn:serviceTask id="t">
                  <bpmn:extensionElements>
                    <zeebe:taskDefinition type="t" />
                    <zeebe:ioMapping><zeebe:input source="=order.total" target="total" /></zeebe:ioMapping>
                  </bpmn:extensionElements>
                </bpmn:serviceTask>
              </bpmn:process>
            </bpmn:definitions>
            """);
        var instance = h.Start("mapping");

        // Assert
        var incident = Assert.Single(h.Store.Incidents);
        Assert.Equal(IncidentType.IoMappingError, incident.Type);
        Assert.Contains("order", incident.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(h.Engine.ActivateJobs("t", "w", TimeSpan.FromMinutes(1), 1));

        // Act
        h.Engine.SetVariables(instance.Key, EngineHarness.Vars("""{"order": {"total": 12}}"""), local: false);
        h.Engine.ResolveIncident(incident.Key);

        // Assert
        var job = Assert.Single(h.Engine.ActivateJobs("t", "w", TimeSpan.FromMinutes(1), 1));
        Assert.Equal("12", job.Variables["total"].ToString());
    }
}

public class CallActivityErrorTests
{
    private const string Models = """
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0">
          <bpmn:error id="e" errorCode="REFUND_DECLINED" />
          <bpmn:process id="parent" isExecutable="true">
            <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="call" />
            <bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="child" /></bpmn:extensionElements></bpmn:callActivity>
            <bpmn:boundaryEvent id="declined" attachedToRef="call"><bpmn:errorEventDefinition errorRef="e" /></bpmn:boundaryEvent>
            <bpmn:sequenceFlow id="f2" sourceRef="declined" targetRef="storeCredit" />
            <bpmn:userTask id="storeCredit"><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements></bpmn:userTask>
          </bpmn:process>
          <bpmn:process id="child" isExecutable="true">
            <bpmn:startEvent id="cs" /><bpmn:sequenceFlow id="c1" sourceRef="cs" targetRef="pay" />
            <bpmn:serviceTask id="pay"><bpmn:extensionElements><zeebe:taskDefinition type="payment.refund" /></bpmn:extensionElements></bpmn:serviceTask>
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public void ErrorThrownInCalledProcess_IsCaughtByTheCallActivitysBoundary()
    {
        // Arrange
        var h = new EngineHarness();
        h.DeployXml("refund.bpmn", Models);
        var parent = h.Start("parent");
        var child = Assert.Single(h.Store.Instances, i => i.Definition.BpmnProcessId == "child");
        var job = Assert.Single(h.Engine.ActivateJobs("payment.refund", "w", TimeSpan.FromMinutes(1), 1));

        // Act
        h.Engine.ThrowJobError(job.Key, "REFUND_DECLINED");

        // Assert
        Assert.Equal(["storeCredit"], EngineHarness.Active(parent));
        Assert.Equal(LifecycleState.Terminated, child.State);
    }

    [Fact]
    public void UncaughtErrorInCalledProcess_LeavesTheChildAliveWithAnIncident()
    {
        // Arrange
        var h = new EngineHarness();
        h.DeployXml("refund.bpmn", Models.Replace("REFUND_DECLINED\" />", "OTHER\" />", StringComparison.Ordinal));
        h.Start("parent");
        var child = Assert.Single(h.Store.Instances, i => i.Definition.BpmnProcessId == "child");
        var job = Assert.Single(h.Engine.ActivateJobs("payment.refund", "w", TimeSpan.FromMinutes(1), 1));

        // Act
        h.Engine.ThrowJobError(job.Key, "REFUND_DECLINED");

        // Assert
        Assert.Equal(LifecycleState.Active, child.State);
        var incident = Assert.Single(h.Store.Incidents);
        Assert.Equal(child.Key, incident.ProcessInstanceKey);
        Assert.Equal(IncidentType.UnhandledErrorEvent, incident.Type);
    }
}
