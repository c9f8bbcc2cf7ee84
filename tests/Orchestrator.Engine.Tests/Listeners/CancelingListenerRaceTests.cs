using Orchestrator.Engine.Execution;
using Orchestrator.Engine.State;
using Orchestrator.Engine.Tests.Support;

namespace Orchestrator.Engine.Tests.Listeners;

/// <summary>
/// What else happens while a termination waits for canceling listeners: events of the terminating element that were due in
/// the same command, the first of two interrupts, an event subprocess of a terminating scope, commands on a terminating or
/// completing ad-hoc subprocess.
/// </summary>
public class CancelingListenerRaceTests
{
    private const string Head = """<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="d" targetNamespace="t">""";
    private const string Listened = """<bpmn:extensionElements><zeebe:userTask /><zeebe:taskListeners><zeebe:taskListener eventType="canceling" type="tl.cancel" /></zeebe:taskListeners></bpmn:extensionElements>""";

    private const string AdHoc = $"""
        <bpmn:process id="p" isExecutable="true">
          <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="ah" />
          <bpmn:adHocSubProcess id="ah" cancelRemainingInstances="true">
            <bpmn:extensionElements><zeebe:adHoc activeElementsCollection="=[&quot;ask&quot;, &quot;work&quot;]" /></bpmn:extensionElements>
            <bpmn:userTask id="ask">{Listened}</bpmn:userTask>
            <bpmn:serviceTask id="work"><bpmn:extensionElements><zeebe:taskDefinition type="work" /></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:completionCondition xsi:type="bpmn:tFormalExpression">=get or else(done, false)</bpmn:completionCondition>
          </bpmn:adHocSubProcess>
          <bpmn:sequenceFlow id="f2" sourceRef="ah" targetRef="e" /><bpmn:endEvent id="e" />
        </bpmn:process></bpmn:definitions>
        """;

    private static ActivatedJob One(EngineHarness h, string type) => Assert.Single(h.Engine.ActivateJobs(type, "w", TimeSpan.FromMinutes(1), 5));

    private static string[] Activated(EngineHarness h, ProcessInstance instance) =>
        h.Engine.History(instance.Key).Where(r => r.Intent == RecordIntent.ElementActivating).Select(r => r.ElementId!).ToArray();

    private static string Task(string boundaries) => $"""
        <bpmn:process id="p" isExecutable="true">
          <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t" />
          <bpmn:userTask id="t">{Listened}</bpmn:userTask>
          <bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e" /><bpmn:endEvent id="e" />
          {boundaries}
        </bpmn:process>
        """;

    private static string Boundary(string id, string definition, bool interrupting, string next) => $"""
        <bpmn:boundaryEvent id="{id}" attachedToRef="t" cancelActivity="{(interrupting ? "true" : "false")}">{definition}</bpmn:boundaryEvent>
        <bpmn:sequenceFlow id="to-{next}" sourceRef="{id}" targetRef="{next}" />
        <bpmn:serviceTask id="{next}"><bpmn:extensionElements><zeebe:taskDefinition type="{next}" /></bpmn:extensionElements></bpmn:serviceTask>
        """;

    private const string Hour = "<bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>";

    [Fact]
    public void A_non_interrupting_timer_due_with_an_interrupting_one_does_not_fire_on_the_terminating_task()
    {
        var h = new EngineHarness();
        h.DeployXml("a.bpmn", Head + Task(Boundary("stop", Hour, true, "stopped") + Boundary("nudge", Hour, false, "nudged")) + "</bpmn:definitions>");
        var instance = h.Start("p");

        h.Advance(TimeSpan.FromHours(1));
        h.Engine.CompleteJob(One(h, "tl.cancel").Key);

        Assert.DoesNotContain("nudge", Activated(h, instance));
        Assert.Equal(["stopped"], EngineHarness.Active(instance));
    }

    [Fact]
    public void Of_two_interrupting_timers_due_together_the_first_wins()
    {
        var h = new EngineHarness();
        h.DeployXml("b.bpmn", Head + Task(Boundary("first", Hour, true, "a1") + Boundary("second", Hour, true, "a2")) + "</bpmn:definitions>");
        var instance = h.Start("p");

        h.Advance(TimeSpan.FromHours(1));
        h.Engine.CompleteJob(One(h, "tl.cancel").Key);

        Assert.Equal(["a1"], EngineHarness.Active(instance));
    }

    [Fact]
    public void A_signal_that_interrupts_a_task_does_not_also_fire_its_non_interrupting_boundary()
    {
        var h = new EngineHarness();
        var signal = """<bpmn:signalEventDefinition signalRef="sig" />""";
        h.DeployXml("c.bpmn", Head + Task(Boundary("stop", signal, true, "stopped") + Boundary("nudge", signal, false, "nudged")) + """<bpmn:signal id="sig" name="recall" /></bpmn:definitions>""");
        var instance = h.Start("p");

        h.Engine.BroadcastSignal("recall");
        h.Engine.CompleteJob(One(h, "tl.cancel").Key);

        Assert.DoesNotContain("nudge", Activated(h, instance));
        Assert.Equal(["stopped"], EngineHarness.Active(instance));
    }

    [Fact]
    public void A_terminating_subprocess_starts_no_event_subprocess_and_leaves_once_its_task_is_canceled()
    {
        var h = new EngineHarness();
        h.DeployXml("d.bpmn", Head + $"""
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="sub" />
              <bpmn:subProcess id="sub">
                <bpmn:startEvent id="ss" /><bpmn:sequenceFlow id="g1" sourceRef="ss" targetRef="t" />
                <bpmn:userTask id="t">{Listened}</bpmn:userTask>
                <bpmn:sequenceFlow id="g2" sourceRef="t" targetRef="se" /><bpmn:endEvent id="se" />
                <bpmn:subProcess id="esp" triggeredByEvent="true">
                  <bpmn:startEvent id="espStart" isInterrupting="false">{Hour}</bpmn:startEvent>
                  <bpmn:sequenceFlow id="h1" sourceRef="espStart" targetRef="espEnd" /><bpmn:endEvent id="espEnd" />
                </bpmn:subProcess>
              </bpmn:subProcess>
              <bpmn:sequenceFlow id="f2" sourceRef="sub" targetRef="e" /><bpmn:endEvent id="e" />
              <bpmn:boundaryEvent id="stop" attachedToRef="sub">{Hour}</bpmn:boundaryEvent>
              <bpmn:sequenceFlow id="f3" sourceRef="stop" targetRef="after" />
              <bpmn:serviceTask id="after"><bpmn:extensionElements><zeebe:taskDefinition type="after" /></bpmn:extensionElements></bpmn:serviceTask>
            </bpmn:process></bpmn:definitions>
            """);
        var instance = h.Start("p");

        h.Advance(TimeSpan.FromHours(1));
        h.Engine.CompleteJob(One(h, "tl.cancel").Key);

        Assert.DoesNotContain("esp", Activated(h, instance));
        Assert.Equal(["after"], EngineHarness.Active(instance));
    }

    [Fact]
    public void Activating_elements_of_a_terminating_ad_hoc_subprocess_is_refused()
    {
        var h = new EngineHarness();
        h.DeployXml("e.bpmn", Head + AdHoc);
        var instance = h.Start("p");
        var adHoc = instance.Elements.Values.Single(e => e.Node.Id == "ah");
        h.Engine.CancelInstance(instance.Key);

        var refused = Assert.Throws<EngineException>(() => h.Engine.ActivateAdHocElements(adHoc.Key, [new AdHocActivation("work")]));
        h.Engine.CompleteJob(One(h, "tl.cancel").Key);

        Assert.Equal(EngineError.InvalidState, refused.Error);
        Assert.Contains("being terminated", refused.Message, StringComparison.Ordinal);
        Assert.Equal(LifecycleState.Terminated, instance.State);
    }

    [Fact]
    public void An_ad_hoc_subprocess_whose_condition_held_refuses_activations_while_it_waits_and_completes_once_empty()
    {
        var h = new EngineHarness();
        h.DeployXml("f.bpmn", Head + AdHoc);
        var instance = h.Start("p");
        var adHoc = instance.Elements.Values.Single(e => e.Node.Id == "ah");

        h.CompleteJob("work", """{"done": true}""");
        Assert.Equal(["ah", "ask"], EngineHarness.Active(instance));
        var refused = Assert.Throws<EngineException>(() => h.Engine.ActivateAdHocElements(adHoc.Key, [new AdHocActivation("work")]));
        h.Engine.CompleteJob(One(h, "tl.cancel").Key);

        Assert.Contains("completing", refused.Message, StringComparison.Ordinal);
        Assert.Equal(LifecycleState.Completed, instance.State);
        Assert.Empty(instance.Elements);
    }
}
