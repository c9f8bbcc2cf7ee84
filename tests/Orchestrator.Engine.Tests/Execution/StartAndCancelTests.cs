using Orchestrator.Engine.State;
using Orchestrator.Engine.Tests.Support;

namespace Orchestrator.Engine.Tests.Execution;

public class StartAndCancelTests
{
    private const string Models = """
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0">
          <bpmn:signal id="sig" name="flash-sale" />
          <bpmn:escalation id="esc" escalationCode="NOBODY_LISTENS" />
          <bpmn:process id="campaign" isExecutable="true">
            <bpmn:startEvent id="bySignal"><bpmn:signalEventDefinition signalRef="sig" /></bpmn:startEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="bySignal" targetRef="shout" />
            <bpmn:intermediateThrowEvent id="shout"><bpmn:escalationEventDefinition escalationRef="esc" /></bpmn:intermediateThrowEvent>
            <bpmn:sequenceFlow id="f2" sourceRef="shout" targetRef="work" />
            <bpmn:userTask id="work"><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements></bpmn:userTask>
            <bpmn:subProcess id="hourly" triggeredByEvent="true">
              <bpmn:startEvent id="tick" isInterrupting="false"><bpmn:timerEventDefinition><bpmn:timeCycle>R/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>
              <bpmn:sequenceFlow id="h1" sourceRef="tick" targetRef="report" />
              <bpmn:serviceTask id="report"><bpmn:extensionElements><zeebe:taskDefinition type="report" /></bpmn:extensionElements></bpmn:serviceTask>
            </bpmn:subProcess>
          </bpmn:process>
          <bpmn:process id="outer" isExecutable="true">
            <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="o1" sourceRef="s" targetRef="call" />
            <bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="inner" /></bpmn:extensionElements></bpmn:callActivity>
          </bpmn:process>
          <bpmn:process id="inner" isExecutable="true">
            <bpmn:startEvent id="is" /><bpmn:sequenceFlow id="i1" sourceRef="is" targetRef="t" />
            <bpmn:serviceTask id="t"><bpmn:extensionElements><zeebe:taskDefinition type="inner.work" /></bpmn:extensionElements></bpmn:serviceTask>
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public void SignalStart_StartsAnInstance_UncaughtEscalationDoesNotStopIt_TimerEventSubprocessRepeats()
    {
        // Arrange
        var h = new EngineHarness();
        h.DeployXml("campaign.bpmn", Models);

        // Act
        h.Engine.BroadcastSignal("flash-sale", EngineHarness.Vars("""{"discount": 20}"""));
        var instance = Assert.Single(h.Store.Instances, i => i.Definition.BpmnProcessId == "campaign");
        h.Advance(TimeSpan.FromHours(1));
        h.Advance(TimeSpan.FromHours(1));

        // Assert: the escalation found no catcher and the token went on; two hourly reports run alongside
        Assert.Equal("20", EngineHarness.Variable(instance, "discount"));
        Assert.Equal(2, h.Engine.ActivateJobs("report", "w", TimeSpan.FromMinutes(1), 10).Count);
        Assert.Contains("work", EngineHarness.Active(instance));
        Assert.Empty(h.Store.Incidents);
    }

    [Fact]
    public void CancelInstance_AlsoCancelsItsCalledInstance_AndItsJobs()
    {
        // Arrange
        var h = new EngineHarness();
        h.DeployXml("campaign.bpmn", Models);
        var outer = h.Start("outer");
        var inner = Assert.Single(h.Store.Instances, i => i.Definition.BpmnProcessId == "inner");

        // Act
        h.Engine.CancelInstance(outer.Key);

        // Assert
        Assert.Equal(LifecycleState.Terminated, outer.State);
        Assert.Equal(LifecycleState.Terminated, inner.State);
        Assert.Empty(h.Engine.ActivateJobs("inner.work", "w", TimeSpan.FromMinutes(1), 10));
        Assert.Equal(Engine.Execution.EngineError.InvalidState, Assert.Throws<Engine.Execution.EngineException>(() => h.Engine.CancelInstance(outer.Key)).Error);
    }
}
