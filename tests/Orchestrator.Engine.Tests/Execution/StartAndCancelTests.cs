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
          <bpmn:process id="top" isExecutable="true">
            <bpmn:startEvent id="ts" /><bpmn:sequenceFlow id="t1" sourceRef="ts" targetRef="callOuter" />
            <bpmn:callActivity id="callOuter"><bpmn:extensionElements><zeebe:calledElement processId="outer" /></bpmn:extensionElements></bpmn:callActivity>
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

    [Fact]
    public void Bug_canceling_a_called_instance_left_its_call_activity_waiting_for_ever_it_is_refused_naming_the_root()
    {
        // Arrange: top calls outer, which calls inner
        var h = new EngineHarness();
        h.DeployXml("campaign.bpmn", Models);
        var top = h.Start("top");
        var outer = Assert.Single(h.Store.Instances, i => i.Definition.BpmnProcessId == "outer");
        var inner = Assert.Single(h.Store.Instances, i => i.Definition.BpmnProcessId == "inner");
        var recorded = h.Engine.History(inner.Key).Count;

        // Act
        var refused = Assert.Throws<Engine.Execution.EngineException>(() => h.Engine.CancelInstance(inner.Key, "olga"));
        var refusedMiddle = Assert.Throws<Engine.Execution.EngineException>(() => h.Engine.CancelInstance(outer.Key));

        // Assert: refused as Zeebe refuses it, naming the root; nothing changed, and the root's cancel still ends all three
        Assert.Equal(Engine.Execution.EngineError.InvalidState, refused.Error);
        Assert.Equal($"process instance {inner.Key} was started by a call activity of process instance {outer.Key}: cancel its root process instance {top.Key} instead", refused.Message);
        Assert.Contains($"root process instance {top.Key}", refusedMiddle.Message, StringComparison.Ordinal);
        Assert.Equal(LifecycleState.Active, inner.State);
        Assert.Equal(["t"], EngineHarness.Active(inner));
        Assert.Equal(recorded, h.Engine.History(inner.Key).Count);
        h.Engine.CancelInstance(top.Key);
        Assert.All([top, outer, inner], i => Assert.Equal(LifecycleState.Terminated, i.State));
    }

    [Fact]
    public void Bug_terminating_every_element_of_a_called_instance_by_modification_left_its_caller_waiting_it_is_refused()
    {
        // Arrange: top calls outer, which calls inner (waiting at its task t)
        var h = new EngineHarness();
        h.DeployXml("campaign.bpmn", Models);
        var top = h.Start("top");
        var outer = Assert.Single(h.Store.Instances, i => i.Definition.BpmnProcessId == "outer");
        var inner = Assert.Single(h.Store.Instances, i => i.Definition.BpmnProcessId == "inner");
        var task = Assert.Single(inner.Elements.Values, e => e.Node.Id == "t");

        // Act
        var refused = Assert.Throws<Engine.Execution.EngineException>(() =>
            h.Engine.ModifyProcessInstance(inner.Key, new ProcessInstanceModification(Terminate: [task.Key]), "olga"));

        // Assert: nothing changed; a move inside the called instance is still allowed
        Assert.Equal(Engine.Execution.EngineError.InvalidState, refused.Error);
        Assert.Contains($"call activity of process instance {outer.Key} waits for it; cancel its root process instance {top.Key} instead", refused.Message, StringComparison.Ordinal);
        Assert.Equal(LifecycleState.Active, inner.State);
        Assert.Equal(["t"], EngineHarness.Active(inner));
        h.Engine.ModifyProcessInstance(inner.Key, new ProcessInstanceModification(Move: [new ModificationMove("t", null, "t", null)]), "olga");
        Assert.Equal(["t"], EngineHarness.Active(inner));
        Assert.Equal(LifecycleState.Active, inner.State);
    }
}
