using Orchestrator.Engine.Execution;
using Orchestrator.Engine.State;
using Orchestrator.Engine.Tests.Support;
using Orchestrator.Feel.Values;

namespace Orchestrator.Engine.Tests.Listeners;

/// <summary>
/// Canceling task listeners, as Camunda 8.8 runs them: a user task whose element is terminated is CANCELING while their jobs
/// run, its element waits (ELEMENT_TERMINATING), and whatever terminated it — a cancel, an interrupting boundary event or
/// event subprocess, a terminate end event, a multi-instance completion condition, a cancelled caller — goes on only once
/// the last of them is done.
/// </summary>
public class CancelingListenerTests
{
    private static EngineHarness Deployed()
    {
        var h = new EngineHarness();
        h.Deploy("Listeners/canceling-listeners.bpmn");
        return h;
    }

    private static ActivatedJob Listener(EngineHarness h, string type) => Assert.Single(h.Engine.ActivateJobs(type, "w", TimeSpan.FromMinutes(1), 5));

    private static string[] TaskIntents(EngineHarness h, UserTask task) =>
        h.Engine.History(task.ProcessInstanceKey).Where(r => r.Key == task.Key && r.ValueType == RecordValueType.UserTask).Select(r => RecordNames.Of(r.Intent)).ToArray();

    private static string[] ElementIntents(EngineHarness h, ProcessInstance instance, string elementId) =>
        h.Engine.History(instance.Key).Where(r => r.ValueType == RecordValueType.Element && r.ElementId == elementId).Select(r => RecordNames.Of(r.Intent)).ToArray();

    [Fact]
    public void A_cancelled_instance_waits_for_every_canceling_listener_then_ends()
    {
        // Arrange
        var h = Deployed();
        var instance = h.Start("cancel-review");
        var task = h.OpenTask(instance, "review");

        // Act
        h.Engine.CancelInstance(instance.Key);

        // Assert: the task is canceling, the instance still active; the first listener sees the task and the action
        Assert.Equal(UserTaskState.Canceling, task.State);
        Assert.Equal(LifecycleState.Active, instance.State);
        Assert.Equal(["handling", "review"], EngineHarness.Active(instance));
        var first = Listener(h, "tl.close-ticket");
        Assert.Equal((JobKind.TaskListener, ListenerEventType.Canceling), (first.Kind, first.ListenerEventType));
        Assert.Equal(("cancel", "anna"), (first.CustomHeaders["io.camunda.zeebe:action"], first.CustomHeaders["io.camunda.zeebe:assignee"]));
        Assert.Empty(h.Engine.ActivateJobs("tl.tell-agent", "w", TimeSpan.FromMinutes(1), 5));
        var blocked = Assert.Throws<EngineException>(() => h.Engine.CompleteUserTask(task.Key));
        Assert.Equal(EngineError.InvalidState, blocked.Error);
        Assert.Contains("CANCELING", blocked.Message, StringComparison.Ordinal);

        // Act: the first listener is done; the second one runs, and the instance still waits
        h.Engine.CompleteJob(first.Key);
        Assert.Equal(LifecycleState.Active, instance.State);
        h.Engine.CompleteJob(Listener(h, "tl.tell-agent").Key);

        // Assert
        Assert.Equal(UserTaskState.Canceled, task.State);
        Assert.Equal(LifecycleState.Terminated, instance.State);
        Assert.Empty(instance.Elements);
        Assert.Equal(["CREATED", "CANCELING", "CANCELED"], TaskIntents(h, task));
        Assert.Equal(["ELEMENT_ACTIVATING", "ELEMENT_ACTIVATED", "ELEMENT_TERMINATING", "ELEMENT_TERMINATED"], ElementIntents(h, instance, "review"));
        Assert.Equal(["ELEMENT_ACTIVATING", "ELEMENT_ACTIVATED", "ELEMENT_TERMINATING", "ELEMENT_TERMINATED"], ElementIntents(h, instance, "handling"));
    }

    [Fact]
    public void Cancelling_again_while_the_listeners_run_changes_nothing()
    {
        // Arrange
        var h = Deployed();
        var instance = h.Start("cancel-review");
        var task = h.OpenTask(instance, "review");
        h.Engine.CancelInstance(instance.Key);
        var first = Listener(h, "tl.close-ticket");

        // Act
        h.Engine.CancelInstance(instance.Key);

        // Assert: the same listener job is still the one to answer
        Assert.Equal(UserTaskState.Canceling, task.State);
        Assert.Equal(JobState.Activated, h.Store.GetJob(first.Key)!.State);
        h.Engine.CompleteJob(first.Key);
        h.Engine.CompleteJob(Listener(h, "tl.tell-agent").Key);
        Assert.Equal(LifecycleState.Terminated, instance.State);
    }

    [Fact]
    public void An_interrupting_boundary_timer_takes_its_flow_only_once_the_listeners_are_done()
    {
        // Arrange
        var h = Deployed();
        var instance = h.Start("cancel-review");
        var task = h.OpenTask(instance, "review");

        // Act: an hour passes
        h.Advance(TimeSpan.FromHours(1));

        // Assert: the review is terminating; the escalation has not started
        Assert.Equal(UserTaskState.Canceling, task.State);
        Assert.Equal(["handling", "review"], EngineHarness.Active(instance));
        Assert.Empty(h.Engine.ActivateJobs("escalate", "w", TimeSpan.FromMinutes(1), 5));

        // Act
        h.Engine.CompleteJob(Listener(h, "tl.close-ticket").Key);
        h.Engine.CompleteJob(Listener(h, "tl.tell-agent").Key);

        // Assert: the boundary event took its flow; the process goes on from there
        Assert.Equal(UserTaskState.Canceled, task.State);
        Assert.Equal(["escalate", "handling"], EngineHarness.Active(instance));
        h.CompleteJob("escalate");
        Assert.Equal(LifecycleState.Completed, instance.State);
        Assert.Equal(["start", "hStart", "late", "escalate", "escalated", "handling", "end"], h.Completed(instance));
    }

    [Fact]
    public void An_interrupting_event_subprocess_starts_once_the_listeners_are_done()
    {
        // Arrange
        var h = Deployed();
        var instance = h.Start("withdrawable", """{"orderId": "o-1"}""");
        var task = h.OpenTask(instance, "check");

        // Act
        h.Engine.PublishMessage("withdraw", "o-1");

        // Assert
        Assert.Equal(UserTaskState.Canceling, task.State);
        Assert.Equal(["check"], EngineHarness.Active(instance));
        Assert.Empty(h.Engine.ActivateJobs("refund", "w", TimeSpan.FromMinutes(1), 5));

        // Act
        h.Engine.CompleteJob(Listener(h, "tl.close-ticket").Key);

        // Assert
        Assert.Equal(["refund", "withdrawal"], EngineHarness.Active(instance));
        h.CompleteJob("refund");
        Assert.Equal(LifecycleState.Completed, instance.State);
    }

    [Fact]
    public void An_event_subprocess_interrupting_while_a_boundary_event_waits_for_the_listeners_wins()
    {
        // Arrange: the check is overdue; its boundary event waits for the canceling listener
        var h = Deployed();
        var instance = h.Start("withdrawable", """{"orderId": "o-2"}""");
        var task = h.OpenTask(instance, "check");
        h.Advance(TimeSpan.FromHours(1));
        Assert.Equal(UserTaskState.Canceling, task.State);

        // Act: the customer withdraws before the listener is done
        h.Engine.PublishMessage("withdraw", "o-2");
        h.Engine.CompleteJob(Listener(h, "tl.close-ticket").Key);

        // Assert: the refund runs; the reminder the boundary event would have started does not
        Assert.Equal(["refund", "withdrawal"], EngineHarness.Active(instance));
        Assert.Empty(h.Engine.ActivateJobs("remind", "w", TimeSpan.FromMinutes(1), 5));
        Assert.DoesNotContain("overdue", h.Engine.History(instance.Key).Where(r => r.Intent == RecordIntent.ElementActivating).Select(r => r.ElementId));
    }

    [Fact]
    public void A_terminate_end_event_completes_at_once_and_its_scope_once_the_task_it_ended_is_canceled()
    {
        // Arrange
        var h = Deployed();
        var instance = h.Start("race");
        var task = h.OpenTask(instance, "inspect");

        // Act: the scan comes first
        h.CompleteJob("scan");

        // Assert: as Zeebe, the terminate end event completed; the process waits for the inspection's listener
        Assert.Equal(UserTaskState.Canceling, task.State);
        Assert.Equal(["inspect"], EngineHarness.Active(instance));
        Assert.Equal(["ELEMENT_ACTIVATING", "ELEMENT_ACTIVATED", "ELEMENT_COMPLETED"], ElementIntents(h, instance, "stop"));
        Assert.Equal(LifecycleState.Active, instance.State);

        // Act
        h.Engine.CompleteJob(Listener(h, "tl.close-ticket").Key);

        // Assert
        Assert.Equal(LifecycleState.Completed, instance.State);
        Assert.Equal("ELEMENT_TERMINATED", ElementIntents(h, instance, "inspect")[^1]);
    }

    [Fact]
    public void A_multi_instance_body_whose_condition_held_completes_once_the_other_reviews_are_canceled()
    {
        // Arrange
        var h = Deployed();
        var instance = h.Start("first-decides");
        var tasks = h.Store.UserTasks.Where(t => t.ProcessInstanceKey == instance.Key).OrderBy(t => t.Assignee, StringComparer.Ordinal).ToList();
        Assert.Equal(["anna", "bo", "cai"], tasks.Select(t => t.Assignee));

        // Act: bo decides
        h.Engine.CompleteUserTask(tasks[1].Key, EngineHarness.Vars("""{"decision": "refund"}"""));

        // Assert: the two other reviews are canceling; the body waits
        Assert.Equal([UserTaskState.Canceling, UserTaskState.Completed, UserTaskState.Canceling], tasks.Select(t => t.State));
        var listeners = h.Engine.ActivateJobs("tl.close-ticket", "w", TimeSpan.FromMinutes(1), 5);
        Assert.Equal(2, listeners.Count);
        h.Engine.CompleteJob(listeners[0].Key);
        Assert.Empty(h.Engine.ActivateJobs("decided", "w", TimeSpan.FromMinutes(1), 5));

        // Act
        h.Engine.CompleteJob(listeners[1].Key);

        // Assert: the body completed and the flow goes on
        Assert.Equal(UserTaskState.Canceled, tasks[2].State);
        h.CompleteJob("decided");
        Assert.Equal(LifecycleState.Completed, instance.State);
    }

    [Fact]
    public void An_ad_hoc_subprocess_its_worker_ends_with_cancelRemainingInstances_completes_once_the_question_is_withdrawn()
    {
        // Arrange: the assistant asks an agent and looks the order up
        var h = Deployed();
        var instance = h.Start("assistant");
        var turn = Listener(h, "helper.think");
        h.Engine.CompleteJob(turn.Key, null, new AdHocJobResult([new AdHocActivation("askAgent"), new AdHocActivation("lookup")], false, false));
        var task = h.OpenTask(instance, "askAgent");
        h.CompleteJob("tool.lookup");

        // Act: the lookup is enough; the assistant is done without waiting for the answer
        h.Engine.CompleteJob(Listener(h, "helper.think").Key, null, new AdHocJobResult([], true, true));

        // Assert: the subprocess waits for the task's canceling listener, then completes
        Assert.Equal(UserTaskState.Canceling, task.State);
        Assert.Equal(["askAgent", "helper"], EngineHarness.Active(instance));
        h.Engine.CompleteJob(Listener(h, "tl.close-ticket").Key);
        Assert.Equal(["answered"], EngineHarness.Active(instance));
        Assert.Equal("ELEMENT_COMPLETED", ElementIntents(h, instance, "helper")[^1]);
    }

    [Fact]
    public void A_cancelled_caller_waits_for_the_listeners_of_the_instance_it_called()
    {
        // Arrange
        var h = Deployed();
        var caller = h.Start("case");
        var called = Assert.Single(h.Store.Instances, i => i.ParentInstanceKey == caller.Key);
        var task = h.OpenTask(called, "review");

        // Act
        h.Engine.CancelInstance(caller.Key);

        // Assert: both wait
        Assert.Equal((LifecycleState.Active, LifecycleState.Active), (caller.State, called.State));
        Assert.Equal(["ELEMENT_ACTIVATING", "ELEMENT_ACTIVATED", "ELEMENT_TERMINATING"], ElementIntents(h, caller, "call"));

        // Act
        h.Engine.CompleteJob(Listener(h, "tl.close-ticket").Key);
        h.Engine.CompleteJob(Listener(h, "tl.tell-agent").Key);

        // Assert
        Assert.Equal(UserTaskState.Canceled, task.State);
        Assert.Equal((LifecycleState.Terminated, LifecycleState.Terminated), (caller.State, called.State));
        Assert.Equal("ELEMENT_TERMINATED", ElementIntents(h, caller, "call")[^1]);
    }

    [Fact]
    public void A_canceling_listener_may_neither_deny_nor_correct()
    {
        // Arrange
        var h = Deployed();
        var instance = h.Start("cancel-review");
        h.Engine.CancelInstance(instance.Key);
        var job = Listener(h, "tl.close-ticket");

        // Act
        var denial = Assert.Throws<EngineException>(() => h.Engine.CompleteJob(job.Key, userTaskResult: new UserTaskJobResult(true, "no", new Dictionary<string, FeelValue>())));
        var correction = Assert.Throws<EngineException>(() => h.Engine.CompleteJob(job.Key,
            userTaskResult: new UserTaskJobResult(false, null, new Dictionary<string, FeelValue> { ["priority"] = new FeelNumber(80) })));

        // Assert: both refused before anything changed
        Assert.Equal(EngineError.InvalidArgument, denial.Error);
        Assert.Contains("Denying result is not supported for 'CANCELING' task listener jobs", denial.Message, StringComparison.Ordinal);
        Assert.Equal(EngineError.InvalidArgument, correction.Error);
        Assert.Contains("'CANCELING'", correction.Message, StringComparison.Ordinal);
        Assert.Equal(JobState.Activated, h.Store.GetJob(job.Key)!.State);
    }

    [Fact]
    public void A_canceling_listener_out_of_retries_raises_an_incident_and_the_termination_goes_on_once_it_is_resolved()
    {
        // Arrange
        var h = Deployed();
        var instance = h.Start("cancel-review");
        h.Engine.CancelInstance(instance.Key);
        var job = Listener(h, "tl.close-ticket");

        // Act
        h.Engine.FailJob(job.Key, 0, "ticket system down");

        // Assert
        var incident = Assert.Single(h.Store.Incidents);
        Assert.Equal((IncidentType.TaskListenerNoRetries, "review"), (incident.Type, incident.ElementId));

        // Act: retried and resolved
        h.Engine.UpdateJobRetries(job.Key, 1);
        h.Engine.ResolveIncident(incident.Key);
        h.Engine.CompleteJob(Listener(h, "tl.close-ticket").Key);
        h.Engine.CompleteJob(Listener(h, "tl.tell-agent").Key);

        // Assert
        Assert.Equal(LifecycleState.Terminated, instance.State);
    }
}
