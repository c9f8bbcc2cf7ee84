using Orchestrator.Engine.State;
using Orchestrator.Engine.Tests.Support;

namespace Orchestrator.Engine.Tests.Elements.Processes;

public class ProcessTests
{
    private const string Model = """
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0">
          <bpmn:process id="ship" isExecutable="true">
            <bpmn:extensionElements>
              <zeebe:executionListeners><zeebe:executionListener eventType="start" type="audit" /></zeebe:executionListeners>
            </bpmn:extensionElements>
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="label" />
            <bpmn:serviceTask id="label"><bpmn:extensionElements><zeebe:taskDefinition type="label" /></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:sequenceFlow id="f2" sourceRef="label" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public void The_process_starts_at_its_start_event_once_its_start_listeners_are_done_and_its_history_names_it_PROCESS()
    {
        // Arrange
        var h = new EngineHarness();
        h.DeployXml("ship.bpmn", Model);

        // Act: the start listener's job holds the start event back
        var instance = h.Start("ship");
        Assert.Empty(EngineHarness.Active(instance));
        h.CompleteJob("audit");
        h.CompleteJob("label");

        // Assert
        Assert.Equal(LifecycleState.Completed, instance.State);
        Assert.Equal(["start", "label", "end"], h.Completed(instance));
        var process = h.Engine.History(instance.Key).Where(r => r.ElementId == "ship" && r.ValueType == RecordValueType.Element).ToList();
        Assert.Equal([RecordIntent.ElementActivating, RecordIntent.ElementActivated, RecordIntent.ElementCompleted], process.Select(r => r.Intent));
        Assert.All(process, r => Assert.Equal("PROCESS", r.Detail));
    }

    [Fact]
    public void Bug_a_canceled_process_was_recorded_as_Process_so_the_timeline_never_said_it_was_canceled()
    {
        // Arrange
        var h = new EngineHarness();
        h.DeployXml("ship.bpmn", Model);
        var instance = h.Start("ship");
        h.CompleteJob("audit");

        // Act
        h.Engine.CancelInstance(instance.Key);

        // Assert
        Assert.Equal(LifecycleState.Terminated, instance.State);
        var terminated = Assert.Single(h.Engine.History(instance.Key), r => r.Key == instance.Key && r.Intent == RecordIntent.ElementTerminated);
        Assert.Equal("PROCESS", terminated.Detail);
    }

    [Fact]
    public void Bug_resolving_an_incident_on_opening_an_event_subprocess_subscription_started_the_process_a_second_time()
    {
        // Arrange: the message event subprocess needs the order id to subscribe; the instance starts without one
        var h = new EngineHarness();
        h.DeployXml("watch.bpmn", """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0">
              <bpmn:message id="m" name="order-canceled">
                <bpmn:extensionElements><zeebe:subscription correlationKey="=orderId" /></bpmn:extensionElements>
              </bpmn:message>
              <bpmn:process id="watch" isExecutable="true">
                <bpmn:startEvent id="start" />
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="pack" />
                <bpmn:serviceTask id="pack"><bpmn:extensionElements><zeebe:taskDefinition type="pack" /></bpmn:extensionElements></bpmn:serviceTask>
                <bpmn:sequenceFlow id="f2" sourceRef="pack" targetRef="end" />
                <bpmn:endEvent id="end" />
                <bpmn:subProcess id="onCancel" triggeredByEvent="true">
                  <bpmn:startEvent id="canceled"><bpmn:messageEventDefinition messageRef="m" /></bpmn:startEvent>
                  <bpmn:sequenceFlow id="c1" sourceRef="canceled" targetRef="stop" />
                  <bpmn:endEvent id="stop" />
                </bpmn:subProcess>
              </bpmn:process>
            </bpmn:definitions>
            """);
        var instance = h.Start("watch");
        var incident = Assert.Single(h.Store.Incidents, i => i.ProcessInstanceKey == instance.Key && i.State == LifecycleState.Active);
        Assert.Equal("watch", incident.ElementId);
        Assert.Empty(EngineHarness.Active(instance));

        // Act
        h.Engine.SetVariables(instance.Key, EngineHarness.Vars("""{"orderId": "O-9"}"""), local: true);
        h.Engine.ResolveIncident(incident.Key);

        // Assert: one token, and the subscription is open
        Assert.Equal(["pack"], EngineHarness.Active(instance));
        h.CompleteJob("pack");
        Assert.Equal(LifecycleState.Completed, instance.State);
        Assert.Equal(["start", "pack", "end"], h.Completed(instance));
    }
}
