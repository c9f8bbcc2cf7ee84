using Orchestrator.Engine.Ports;
using Orchestrator.Engine.State;
using Orchestrator.Engine.Tests.Support;

namespace Orchestrator.Engine.Tests.Elements.EventSubProcesses;

/// <summary>
/// Event subprocesses on the process itself: once an interrupting one is triggered the process is being interrupted, so no other
/// event subprocess starts there any more, and one that runs beside the work is terminated with it.
/// </summary>
public class EventSubProcessTests
{
    private const string Escalate = """
            <bpmn:subProcess id="escalate" triggeredByEvent="true">
              <bpmn:startEvent id="overdue"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:startEvent>
              <bpmn:sequenceFlow id="e1" sourceRef="overdue" targetRef="handOver" />
              <bpmn:userTask id="handOver"><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements></bpmn:userTask>
            </bpmn:subProcess>
        """;

    private const string Remind = """
            <bpmn:subProcess id="remind" triggeredByEvent="true">
              <bpmn:startEvent id="reminder" isInterrupting="false"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:startEvent>
              <bpmn:sequenceFlow id="r1" sourceRef="reminder" targetRef="nudge" />
              <bpmn:userTask id="nudge"><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements></bpmn:userTask>
            </bpmn:subProcess>
        """;

    /// <summary>A complaint answered within the hour; an hour on, it is escalated (interrupting) and the agent reminded (beside the work).</summary>
    private static string Complaint(bool interruptingFirst, string answer = "<zeebe:userTask />") => $"""
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0">
          <bpmn:process id="complaint" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="answer" />
            <bpmn:userTask id="answer"><bpmn:extensionElements>{answer}</bpmn:extensionElements></bpmn:userTask>
            <bpmn:sequenceFlow id="f2" sourceRef="answer" targetRef="end" />
            <bpmn:endEvent id="end" />
            {(interruptingFirst ? Escalate + Remind : Remind + Escalate)}
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static readonly string[] InterruptedAtOnce =
        ["answer ELEMENT_ACTIVATING", "overdue TRIGGERED", "answer ELEMENT_TERMINATED", "escalate ELEMENT_ACTIVATING"];

    private static readonly string[] InterruptedWhileReminding =
    [
        "answer ELEMENT_ACTIVATING", "reminder TRIGGERED", "remind ELEMENT_ACTIVATING",
        "overdue TRIGGERED", "answer ELEMENT_TERMINATED", "remind ELEMENT_TERMINATED", "escalate ELEMENT_ACTIVATING",
    ];

    private static readonly string[] InterruptedWhileRemindingThenWaiting =
    [
        "answer ELEMENT_ACTIVATING", "reminder TRIGGERED", "remind ELEMENT_ACTIVATING",
        "overdue TRIGGERED", "remind ELEMENT_TERMINATED", "answer ELEMENT_TERMINATED", "escalate ELEMENT_ACTIVATING",
    ];

    /// <summary>The timers that fired, and the work and event subprocesses that started and ended, in order.</summary>
    private static string[] Records(EngineHarness h, ProcessInstance instance) =>
        h.Engine.History(instance.Key)
            .Where(r => r.Intent == RecordIntent.Triggered
                || (r.ElementId is "answer" or "remind" or "escalate" && r.Intent is RecordIntent.ElementActivating or RecordIntent.ElementTerminated))
            .Select(r => $"{r.ElementId} {RecordNames.Of(r.Intent)}").ToArray();

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public void Interrupting_and_non_interrupting_timer_event_subprocesses_due_at_once_the_interrupting_one_alone_goes_on(bool interruptingFirst, bool oneCommand)
    {
        // Arrange: both due at the same instant; the earlier in the document fires first
        var timers = new FiredTimers();
        var h = new EngineHarness(timers);
        h.DeployXml("complaint.bpmn", Complaint(interruptingFirst));
        var instance = h.Start("complaint");

        // Act: the clock moves past both; they fire in one command (the timer loop) or one command each (Quartz's triggers)
        h.Clock.Advance(TimeSpan.FromHours(2));
        if (oneCommand)
        {
            h.Engine.FireDueTimers();
        }
        else
        {
            foreach (var timer in h.Store.Subscriptions.Where(s => s.ProcessInstanceKey == instance.Key).Select(s => s.Key).Order().ToList())
            {
                h.Engine.FireTimerIfDue(timer);
            }
        }

        // Assert: the reminder never starts after the escalation (nor counts as fired); started before it, the escalation terminated it
        Assert.Equal(["escalate", "handOver"], EngineHarness.Active(instance));
        Assert.Equal(interruptingFirst ? InterruptedAtOnce : InterruptedWhileReminding, Records(h, instance));
        Assert.Equal(interruptingFirst ? ["overdue"] : ["reminder", "overdue"], timers.Fired);
        Assert.DoesNotContain(h.Store.Subscriptions, s => s.ProcessInstanceKey == instance.Key);
        Assert.Equal("handOver", Assert.Single(h.Store.UserTasks, t => t.ProcessInstanceKey == instance.Key && t.State == UserTaskState.Created).ElementId);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void While_the_interrupted_process_waits_for_a_canceling_listener_no_event_subprocess_starts_and_the_escalation_follows(bool interruptingFirst)
    {
        // Arrange: the answer's canceling listener closes the ticket before the escalation may start
        var h = new EngineHarness();
        h.DeployXml("complaint.bpmn", Complaint(interruptingFirst,
            """<zeebe:userTask /><zeebe:taskListeners><zeebe:taskListener eventType="canceling" type="close-ticket" /></zeebe:taskListeners>"""));
        var instance = h.Start("complaint");

        // Act
        h.Advance(TimeSpan.FromHours(2));
        var waiting = EngineHarness.Active(instance);
        var subscriptions = h.Store.Subscriptions.Count(s => s.ProcessInstanceKey == instance.Key);
        h.Advance(TimeSpan.FromHours(2));
        h.CompleteJob("close-ticket");

        // Assert: the process waited with nothing else started and nothing left to fire; then the escalation alone went on
        Assert.Equal(["answer"], waiting);
        Assert.Equal(0, subscriptions);
        Assert.Equal(["escalate", "handOver"], EngineHarness.Active(instance));
        Assert.Equal(interruptingFirst ? InterruptedAtOnce : InterruptedWhileRemindingThenWaiting, Records(h, instance));
    }

    /// <summary>Counts the timers the engine says fired, as the server's metrics do.</summary>
    private sealed class FiredTimers : IEngineObserver
    {
        public List<string> Fired { get; } = [];

        public void JobsAvailable(string type)
        {
        }

        public void UserTaskCreated(UserTask task)
        {
        }

        public void TimerScheduled(Subscription timer)
        {
        }

        public void TimerCanceled(long timerKey)
        {
        }

        public void TimerFired(Subscription timer) => Fired.Add(timer.CatchElement.Id);
    }
}
