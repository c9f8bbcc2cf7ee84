using Orchestrator.Engine.State;
using Orchestrator.Engine.Tests.Support;

namespace Orchestrator.Engine.Tests.Elements.SubProcesses;

public class SubProcessTests
{
    [Fact]
    public void Bug_resolving_an_incident_on_opening_an_inner_event_subprocess_subscription_started_the_subprocess_twice()
    {
        // Arrange: the subprocess's message event subprocess needs the parcel id, which the instance does not have yet
        var h = new EngineHarness();
        h.DeployXml("parcel.bpmn", """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0">
              <bpmn:message id="m" name="parcel-lost">
                <bpmn:extensionElements><zeebe:subscription correlationKey="=parcelId" /></bpmn:extensionElements>
              </bpmn:message>
              <bpmn:process id="parcel" isExecutable="true">
                <bpmn:startEvent id="start" />
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="shipping" />
                <bpmn:subProcess id="shipping">
                  <bpmn:startEvent id="inStart" />
                  <bpmn:sequenceFlow id="s1" sourceRef="inStart" targetRef="track" />
                  <bpmn:serviceTask id="track"><bpmn:extensionElements><zeebe:taskDefinition type="track" /></bpmn:extensionElements></bpmn:serviceTask>
                  <bpmn:sequenceFlow id="s2" sourceRef="track" targetRef="inEnd" />
                  <bpmn:endEvent id="inEnd" />
                  <bpmn:subProcess id="onLost" triggeredByEvent="true">
                    <bpmn:startEvent id="lost"><bpmn:messageEventDefinition messageRef="m" /></bpmn:startEvent>
                    <bpmn:sequenceFlow id="l1" sourceRef="lost" targetRef="lostEnd" />
                    <bpmn:endEvent id="lostEnd" />
                  </bpmn:subProcess>
                </bpmn:subProcess>
                <bpmn:sequenceFlow id="f2" sourceRef="shipping" targetRef="end" />
                <bpmn:endEvent id="end" />
              </bpmn:process>
            </bpmn:definitions>
            """);
        var instance = h.Start("parcel");
        var incident = Assert.Single(h.Store.Incidents, i => i.ProcessInstanceKey == instance.Key && i.State == LifecycleState.Active);
        Assert.Equal("shipping", incident.ElementId);
        Assert.Equal(["shipping"], EngineHarness.Active(instance));

        // Act
        h.Engine.SetVariables(instance.Key, EngineHarness.Vars("""{"parcelId": "P-1"}"""), local: true);
        h.Engine.ResolveIncident(incident.Key);

        // Assert: one token inside, and the lost-parcel subscription is open
        Assert.Equal(["shipping", "track"], EngineHarness.Active(instance));
        h.CompleteJob("track");
        Assert.Equal(LifecycleState.Completed, instance.State);
        Assert.Equal(["start", "inStart", "track", "inEnd", "shipping", "end"], h.Completed(instance));
    }
}
