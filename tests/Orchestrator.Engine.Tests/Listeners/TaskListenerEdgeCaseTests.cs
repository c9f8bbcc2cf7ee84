using Orchestrator.Engine.Execution;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.State;
using Orchestrator.Engine.Tests.Support;
using Orchestrator.Feel;
using Orchestrator.Feel.Values;

namespace Orchestrator.Engine.Tests.Listeners;

/// <summary>
/// User task listeners on the paths <see cref="TaskListenerTests"/> leaves out: terminations while a change is undecided
/// (boundary timers, event subprocesses, cancellation, multi-instance and called instances), incidents on listener jobs and
/// listener expressions, denials followed by other changes, a restart from the element snapshot, stored definitions, and what
/// Camunda 8.8 refuses or accepts in a listener's result.
/// </summary>
public class TaskListenerEdgeCaseTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    private static string Definitions(string content) => $"""
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
        {content}
        </bpmn:definitions>
        """;

    private static EngineHarness Deploy(string content)
    {
        var h = new EngineHarness();
        h.DeployXml("edge.bpmn", Definitions(content));
        return h;
    }

    /// <summary><c>zeebe:taskListeners</c> from <c>"event:type"</c> pairs, in order.</summary>
    private static string Listeners(params string[] listeners) =>
        "<zeebe:taskListeners>"
        + string.Concat(listeners.Select(l => l.Split(':', 2)).Select(l => $"""<zeebe:taskListener eventType="{l[0]}" type="{l[1]}" />"""))
        + "</zeebe:taskListeners>";

    /// <summary>A Camunda user task with task listeners and more extension elements (assignment, mappings) when given.</summary>
    private static string UserTask(string id, string listeners, string extensions = "", string inner = "") =>
        $"""<bpmn:userTask id="{id}"><bpmn:extensionElements><zeebe:userTask />{extensions}{listeners}</bpmn:extensionElements>{inner}</bpmn:userTask>""";

    private static string Flow(string id, string from, string to) => $"""<bpmn:sequenceFlow id="{id}" sourceRef="{from}" targetRef="{to}" />""";

    private static ActivatedJob ActivateOne(EngineHarness h, string type) => Assert.Single(h.Engine.ActivateJobs(type, "w", Lease, 10));

    private static void Answer(EngineHarness h, long jobKey, bool denied = false, string? reason = null, params (string Name, FeelValue Value)[] corrections) =>
        h.Engine.CompleteJob(jobKey, userTaskResult: new UserTaskJobResult(denied, reason, corrections.ToDictionary(c => c.Name, c => c.Value)));

    private static Job[] OpenJobs(EngineHarness h) => h.Store.Jobs.Where(j => j.State is JobState.Activatable or JobState.Activated or JobState.Failed).ToArray();

    private static Incident[] ActiveIncidents(EngineHarness h) => h.Store.Incidents.Where(i => i.State == LifecycleState.Active).ToArray();

    private static ElementInstance Element(ProcessInstance instance, string elementId) => Assert.Single(instance.Elements.Values, e => e.Node.Id == elementId);

    private static string[] Intents(EngineHarness h, UserTask task) =>
        h.Engine.History(task.ProcessInstanceKey).Where(r => r.Key == task.Key && r.ValueType == RecordValueType.UserTask).Select(r => RecordNames.Of(r.Intent)).ToArray();

    /// <summary>Reads the instance back from its element snapshot, as a durable store does at start-up, in place of the live one.</summary>
    private static ProcessInstance Reload(EngineHarness h, ProcessInstance instance)
    {
        var json = StateSnapshots.WriteElements(instance);
        var variables = instance.Elements.Values.Where(e => e.Variables is not null).ToDictionary(e => e.Key, e => e.Variables!);
        var restored = new ProcessInstance { Key = instance.Key, Definition = instance.Definition, StartDate = instance.StartDate, State = instance.State };
        StateSnapshots.ReadElements(restored, json, variables);
        h.Store.Forget(instance);
        h.Store.AddInstance(restored);
        return restored;
    }

    // ---- terminations while a change is undecided --------------------------------------------------

    [Fact]
    public void An_interrupting_boundary_timer_while_completing_cancels_the_task_and_its_listener_job_and_takes_the_timer_path()
    {
        // Arrange
        var h = Deploy($"""
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="s" />{Flow("f1", "s", "review")}
              {UserTask("review", Listeners("completing:check"))}
              <bpmn:boundaryEvent id="late" attachedToRef="review"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
              {Flow("f2", "review", "e")}<bpmn:endEvent id="e" />
              {Flow("f3", "late", "lateEnd")}<bpmn:endEvent id="lateEnd" />
            </bpmn:process>
            """);
        var instance = h.Start("p");
        var task = h.OpenTask(instance, "review");
        h.Engine.CompleteUserTask(task.Key, EngineHarness.Vars("""{"approved": true}"""));
        var job = ActivateOne(h, "check");

        // Act
        h.Advance(TimeSpan.FromHours(1));

        // Assert
        Assert.Equal(UserTaskState.Canceled, task.State);
        Assert.Equal(JobState.Canceled, h.Store.GetJob(job.Key)!.State);
        Assert.Empty(OpenJobs(h));
        Assert.Equal(LifecycleState.Completed, instance.State);
        Assert.Null(EngineHarness.Variable(instance, "approved"));
        Assert.Equal(["s", "late", "lateEnd"], h.Completed(instance));
        Assert.Equal(EngineError.NotFound, Assert.Throws<EngineException>(() => Answer(h, job.Key)).Error);
    }

    [Fact]
    public void An_interrupting_event_subprocess_while_assigning_cancels_the_task_and_its_listener_job()
    {
        // Arrange
        var h = Deploy($"""
            <bpmn:message id="m" name="stop"><bpmn:extensionElements><zeebe:subscription correlationKey="=id" /></bpmn:extensionElements></bpmn:message>
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="s" />{Flow("f1", "s", "review")}
              {UserTask("review", Listeners("assigning:who"))}
              {Flow("f2", "review", "e")}<bpmn:endEvent id="e" />
              <bpmn:subProcess id="onStop" triggeredByEvent="true">
                <bpmn:startEvent id="stopStart"><bpmn:messageEventDefinition messageRef="m" /></bpmn:startEvent>
                {Flow("g1", "stopStart", "stopEnd")}<bpmn:endEvent id="stopEnd" />
              </bpmn:subProcess>
            </bpmn:process>
            """);
        var instance = h.Start("p", """{"id": "k1"}""");
        var task = h.OpenTask(instance, "review");
        Assert.Equal(UserTaskState.Assigning, h.Engine.AssignUserTask(task.Key, "bo").State);
        var job = ActivateOne(h, "who");

        // Act
        h.Engine.PublishMessage("stop", "k1");

        // Assert
        Assert.Equal((UserTaskState.Canceled, null), (task.State, task.Assignee));
        Assert.Equal(JobState.Canceled, h.Store.GetJob(job.Key)!.State);
        Assert.Equal(LifecycleState.Completed, instance.State);
        Assert.Empty(OpenJobs(h));
    }

    [Fact]
    public void Cancelling_while_creating_after_a_listener_type_failed_ends_the_incident_with_the_task()
    {
        // Arrange: the creating listener's type needs a variable the instance lacks
        var h = Deploy($"""
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="s" />{Flow("f1", "s", "review")}
              {UserTask("review", Listeners("creating:=&quot;c.&quot; + team"))}
              {Flow("f2", "review", "e")}<bpmn:endEvent id="e" />
            </bpmn:process>
            """);
        var instance = h.Start("p");
        var task = Assert.Single(h.Store.UserTasks);
        var incident = Assert.Single(ActiveIncidents(h));
        Assert.Equal((UserTaskState.Creating, IncidentType.ExtractValueError), (task.State, incident.Type));

        // Act
        h.Engine.CancelInstance(instance.Key);

        // Assert
        Assert.Equal(UserTaskState.Canceled, task.State);
        Assert.Equal(LifecycleState.Terminated, incident.State);
        Assert.Empty(OpenJobs(h));
    }

    [Fact]
    public void A_boundary_timer_while_a_listener_job_is_out_of_retries_cancels_the_job_and_ends_its_incident()
    {
        // Arrange
        var h = Deploy($"""
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="s" />{Flow("f1", "s", "review")}
              {UserTask("review", Listeners("updating:policy"))}
              <bpmn:boundaryEvent id="late" attachedToRef="review"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
              {Flow("f2", "review", "e")}<bpmn:endEvent id="e" />
              {Flow("f3", "late", "lateEnd")}<bpmn:endEvent id="lateEnd" />
            </bpmn:process>
            """);
        var instance = h.Start("p");
        var task = h.OpenTask(instance, "review");
        h.Engine.UpdateUserTask(task.Key, priority: 90);
        var job = ActivateOne(h, "policy");
        h.Engine.FailJob(job.Key, 0, "down");
        var incident = Assert.Single(ActiveIncidents(h));

        // Act
        h.Advance(TimeSpan.FromHours(1));

        // Assert: nothing of the undecided update is left behind, and the update never took effect
        Assert.Equal((UserTaskState.Canceled, 50), (task.State, task.Priority));
        Assert.Equal(JobState.Canceled, h.Store.GetJob(job.Key)!.State);
        Assert.Equal(LifecycleState.Terminated, incident.State);
        Assert.Empty(ActiveIncidents(h));
        Assert.Equal(LifecycleState.Completed, instance.State);
    }

    [Fact]
    public void A_multi_instance_completion_condition_cancels_a_sibling_task_waiting_in_completing()
    {
        // Arrange
        var h = Deploy($"""
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="s" />{Flow("f1", "s", "vote")}
              <bpmn:userTask id="vote"><bpmn:extensionElements><zeebe:userTask />{Listeners("completing:tally")}</bpmn:extensionElements>
                <bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=[1, 2]" inputElement="n" /></bpmn:extensionElements>
                  <bpmn:completionCondition>=n = 1</bpmn:completionCondition>
                </bpmn:multiInstanceLoopCharacteristics>
              </bpmn:userTask>
              {Flow("f2", "vote", "e")}<bpmn:endEvent id="e" />
            </bpmn:process>
            """);
        var instance = h.Start("p");
        var tasks = h.Store.UserTasks.Where(t => t.State == UserTaskState.Created).OrderBy(t => t.Key).ToArray();
        Assert.Equal(2, tasks.Length);
        h.Engine.CompleteUserTask(tasks[0].Key);
        h.Engine.CompleteUserTask(tasks[1].Key);
        var jobs = h.Engine.ActivateJobs("tally", "w", Lease, 10).OrderBy(j => j.Key).ToArray();
        Assert.Equal(2, jobs.Length);

        // Act: the first vote's listener agrees; the condition holds, the second vote is canceled while completing
        Answer(h, jobs[0].Key);

        // Assert
        Assert.Equal((UserTaskState.Completed, UserTaskState.Canceled), (tasks[0].State, tasks[1].State));
        Assert.Equal(JobState.Canceled, h.Store.GetJob(jobs[1].Key)!.State);
        Assert.Equal(LifecycleState.Completed, instance.State);
        Assert.Empty(OpenJobs(h));
    }

    [Fact]
    public void Cancelling_the_parent_cancels_a_called_task_in_completing_and_its_listener_job()
    {
        // Arrange
        var h = Deploy($"""
            <bpmn:process id="parent" isExecutable="true">
              <bpmn:startEvent id="s" />{Flow("f1", "s", "call")}
              <bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="child" /></bpmn:extensionElements></bpmn:callActivity>
              {Flow("f2", "call", "e")}<bpmn:endEvent id="e" />
            </bpmn:process>
            <bpmn:process id="child" isExecutable="true">
              <bpmn:startEvent id="cs" />{Flow("c1", "cs", "review")}
              {UserTask("review", Listeners("completing:check"))}
              {Flow("c2", "review", "ce")}<bpmn:endEvent id="ce" />
            </bpmn:process>
            """);
        var parent = h.Start("parent");
        var child = Assert.Single(h.Store.Instances, i => i.ParentInstanceKey == parent.Key);
        var task = h.OpenTask(child, "review");
        h.Engine.CompleteUserTask(task.Key);
        var job = ActivateOne(h, "check");

        // Act
        h.Engine.CancelInstance(parent.Key);

        // Assert
        Assert.Equal((LifecycleState.Terminated, LifecycleState.Terminated), (parent.State, child.State));
        Assert.Equal(UserTaskState.Canceled, task.State);
        Assert.Equal(JobState.Canceled, h.Store.GetJob(job.Key)!.State);
    }

    [Fact]
    public void An_interrupting_boundary_timer_while_creating_with_the_model_s_assignee_pending_ends_everything()
    {
        // Arrange
        var h = Deploy($"""
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="s" />{Flow("f1", "s", "review")}
              {UserTask("review", Listeners("creating:made", "assigning:who"), """<zeebe:assignmentDefinition assignee="anna" />""")}
              <bpmn:boundaryEvent id="late" attachedToRef="review"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
              {Flow("f2", "review", "e")}<bpmn:endEvent id="e" />
              {Flow("f3", "late", "lateEnd")}<bpmn:endEvent id="lateEnd" />
            </bpmn:process>
            """);
        var instance = h.Start("p");
        var task = Assert.Single(h.Store.UserTasks);
        var made = ActivateOne(h, "made");

        // Act
        h.Advance(TimeSpan.FromHours(1));

        // Assert: no assignment was started for the canceled task
        Assert.Equal((UserTaskState.Canceled, null), (task.State, task.Assignee));
        Assert.Equal(JobState.Canceled, h.Store.GetJob(made.Key)!.State);
        Assert.Empty(h.Engine.ActivateJobs("who", "w", Lease, 10));
        Assert.Equal(LifecycleState.Completed, instance.State);
    }

    [Fact]
    public void A_non_interrupting_timer_while_completing_leaves_the_completion_waiting_for_its_listener()
    {
        // Arrange
        var h = Deploy($"""
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="s" />{Flow("f1", "s", "review")}
              {UserTask("review", Listeners("completing:check"))}
              <bpmn:boundaryEvent id="remind" attachedToRef="review" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
              {Flow("f2", "review", "e")}<bpmn:endEvent id="e" />
              {Flow("f3", "remind", "remindEnd")}<bpmn:endEvent id="remindEnd" />
            </bpmn:process>
            """);
        var instance = h.Start("p");
        var task = h.OpenTask(instance, "review");
        h.Engine.CompleteUserTask(task.Key, EngineHarness.Vars("""{"ok": true}"""));
        var job = ActivateOne(h, "check");

        // Act
        h.Advance(TimeSpan.FromHours(1));
        var during = (task.State, Element(instance, "review").JobKey);
        Answer(h, job.Key);

        // Assert
        Assert.Equal((UserTaskState.Completing, (long?)job.Key), during);
        Assert.Equal(UserTaskState.Completed, task.State);
        Assert.Equal(LifecycleState.Completed, instance.State);
        Assert.Equal("true", EngineHarness.Variable(instance, "ok"));
    }

    [Fact]
    public void Completing_listeners_run_before_the_end_execution_listener_which_runs_after_the_task_completed()
    {
        // Arrange
        var h = Deploy($"""
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="s" />{Flow("f1", "s", "review")}
              {UserTask("review", Listeners("completing:c1", "completing:c2"), """<zeebe:executionListeners><zeebe:executionListener eventType="end" type="after" /></zeebe:executionListeners>""")}
              {Flow("f2", "review", "e")}<bpmn:endEvent id="e" />
            </bpmn:process>
            """);
        var instance = h.Start("p");
        var task = h.OpenTask(instance, "review");
        h.Engine.CompleteUserTask(task.Key, EngineHarness.Vars("""{"ok": true}"""));

        // Act
        Answer(h, ActivateOne(h, "c1").Key);
        Answer(h, ActivateOne(h, "c2").Key);
        var after = ActivateOne(h, "after");

        // Assert: the end listener sees the completion's variables; the task is done, the element waits for it
        Assert.Equal((JobKind.ExecutionListener, ListenerEventType.End), (after.Kind, after.ListenerEventType));
        Assert.Equal(UserTaskState.Completed, task.State);
        Assert.Equal(["review"], EngineHarness.Active(instance));
        h.Engine.CompleteJob(after.Key);
        Assert.Equal(LifecycleState.Completed, instance.State);
        Assert.Equal("true", EngineHarness.Variable(instance, "ok"));
    }

    [Fact]
    public void Completing_a_task_someone_else_already_completed_is_not_found_as_in_Camunda()
    {
        // Arrange
        var h = Deploy($"""
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="s" />{Flow("f1", "s", "review")}
              {UserTask("review", Listeners("completing:check"))}
              {Flow("f2", "review", "wait")}
              <bpmn:userTask id="wait"><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements></bpmn:userTask>
            </bpmn:process>
            """);
        var instance = h.Start("p");
        var task = h.OpenTask(instance, "review");
        h.Engine.CompleteUserTask(task.Key);
        Answer(h, ActivateOne(h, "check").Key);

        // Act
        var refused = Assert.Throws<EngineException>(() => h.Engine.CompleteUserTask(task.Key));

        // Assert: Camunda deletes a completed task from its state and answers NOT_FOUND (404), not INVALID_STATE (409)
        Assert.Equal(EngineError.NotFound, refused.Error);
        Assert.Equal($"Expected to complete user task with key '{task.Key}', but no such user task was found", refused.Message);
    }

    // ---- incidents ---------------------------------------------------------------------------------

    [Fact]
    public void A_listener_job_incident_then_a_type_incident_on_the_next_listener_are_each_resolved_their_way()
    {
        // Arrange
        var h = Deploy($"""
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="s" />{Flow("f1", "s", "review")}
              {UserTask("review", Listeners("completing:first", "completing:=&quot;second.&quot; + checker"))}
              {Flow("f2", "review", "e")}<bpmn:endEvent id="e" />
            </bpmn:process>
            """);
        var instance = h.Start("p");
        var task = h.OpenTask(instance, "review");
        h.Engine.CompleteUserTask(task.Key, EngineHarness.Vars("""{"ok": true}"""));
        var first = ActivateOne(h, "first");

        // Act: the first listener's job runs out of retries; retries raised, resolved, completed
        h.Engine.FailJob(first.Key, 0, "down");
        var jobIncident = Assert.Single(ActiveIncidents(h));
        h.Engine.UpdateJobRetries(first.Key, 1);
        h.Engine.ResolveIncident(jobIncident.Key);
        Answer(h, ActivateOne(h, "first").Key);

        // Assert: the same job came back; the second listener's type fails, with no job behind it
        Assert.Equal((IncidentType.TaskListenerNoRetries, first.Key), (jobIncident.Type, jobIncident.JobKey));
        var typeIncident = Assert.Single(ActiveIncidents(h));
        Assert.Equal((IncidentType.ExtractValueError, null), (typeIncident.Type, typeIncident.JobKey));
        Assert.Empty(OpenJobs(h));
        Assert.Equal(UserTaskState.Completing, task.State);

        // Act: fixed and resolved: the completing listeners run again from the first
        h.Engine.SetVariables(instance.Key, EngineHarness.Vars("""{"checker": "lead"}"""), local: false);
        h.Engine.ResolveIncident(typeIncident.Key);
        Answer(h, ActivateOne(h, "first").Key);
        Answer(h, ActivateOne(h, "second.lead").Key);

        // Assert
        Assert.Equal(UserTaskState.Completed, task.State);
        Assert.Equal(LifecycleState.Completed, instance.State);
        Assert.Equal("true", EngineHarness.Variable(instance, "ok"));
    }

    [Fact]
    public void A_type_incident_on_the_automatic_assignment_reruns_the_assigning_listeners_not_the_creating_ones()
    {
        // Arrange: the model names the assignee; the assigning listener's type needs a variable the instance lacks
        var h = Deploy($"""
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="s" />{Flow("f1", "s", "review")}
              {UserTask("review", Listeners("creating:made", "assigning:=&quot;who.&quot; + team"), """<zeebe:assignmentDefinition assignee="anna" />""")}
              {Flow("f2", "review", "e")}<bpmn:endEvent id="e" />
            </bpmn:process>
            """);
        var instance = h.Start("p");
        var task = Assert.Single(h.Store.UserTasks);
        var made = ActivateOne(h, "made");
        Answer(h, made.Key);
        var incident = Assert.Single(ActiveIncidents(h));

        // Act
        h.Engine.SetVariables(instance.Key, EngineHarness.Vars("""{"team": "a"}"""), local: false);
        h.Engine.ResolveIncident(incident.Key);
        var who = ActivateOne(h, "who.a");

        // Assert
        Assert.Empty(h.Engine.ActivateJobs("made", "w", Lease, 10));
        Assert.Equal(("anna", "assign", """["assignee"]"""),
            (who.CustomHeaders["io.camunda.zeebe:assignee"], who.CustomHeaders["io.camunda.zeebe:action"], who.CustomHeaders["io.camunda.zeebe:changedAttributes"]));
        Answer(h, who.Key);
        Assert.Equal((UserTaskState.Created, "anna"), (task.State, task.Assignee));
        Assert.Equal(["CREATING", "CREATED", "ASSIGNING", "ASSIGNED"], Intents(h, task));
    }

    // ---- denials and what follows them ---------------------------------------------------------------

    [Fact]
    public void A_denied_automatic_assignment_leaves_the_task_open_and_unassigned_with_nothing_pending()
    {
        // Arrange
        var h = Deploy($"""
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="s" />{Flow("f1", "s", "review")}
              {UserTask("review", Listeners("assigning:who"), """<zeebe:assignmentDefinition assignee="anna" />""")}
              {Flow("f2", "review", "e")}<bpmn:endEvent id="e" />
            </bpmn:process>
            """);
        var instance = h.Start("p");
        var task = Assert.Single(h.Store.UserTasks);

        // Act
        Answer(h, ActivateOne(h, "who").Key, denied: true, reason: "anna left");

        // Assert
        Assert.Equal((UserTaskState.Created, null), (task.State, task.Assignee));
        Assert.Null(Element(instance, "review").TaskTransition);
        Assert.Empty(OpenJobs(h));
        Assert.Empty(ActiveIncidents(h));
        Assert.Equal(["CREATED", "ASSIGNING", "ASSIGNMENT_DENIED"], Intents(h, task));

        // Act: it can be completed as it is
        Assert.Equal(UserTaskState.Completed, h.Engine.CompleteUserTask(task.Key).State);

        // Assert
        Assert.Equal(LifecycleState.Completed, instance.State);
    }

    [Fact]
    public void After_a_denied_update_the_next_update_s_listener_sees_only_its_own_changes_and_earlier_corrections_are_gone()
    {
        // Arrange
        var h = Deploy($"""
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="s" />{Flow("f1", "s", "review")}
              {UserTask("review", Listeners("updating:u1", "updating:u2"))}
              {Flow("f2", "review", "e")}<bpmn:endEvent id="e" />
            </bpmn:process>
            """);
        var instance = h.Start("p");
        var task = h.OpenTask(instance, "review");
        h.Engine.UpdateUserTask(task.Key, priority: 80);
        Answer(h, ActivateOne(h, "u1").Key, corrections: ("candidateGroupsList", new FeelList([new FeelString("seniors")])));
        Answer(h, ActivateOne(h, "u2").Key, denied: true, reason: "no");

        // Act
        h.Engine.UpdateUserTask(task.Key, dueDate: new DateTimeOffset(2024, 4, 1, 12, 0, 0, TimeSpan.Zero));
        var next = ActivateOne(h, "u1");

        // Assert
        Assert.Equal("""["dueDate"]""", next.CustomHeaders["io.camunda.zeebe:changedAttributes"]);
        Assert.False(next.CustomHeaders.ContainsKey("io.camunda.zeebe:candidateGroups"));
        Assert.Equal("50", next.CustomHeaders["io.camunda.zeebe:priority"]);
        Answer(h, next.Key);
        Answer(h, ActivateOne(h, "u2").Key);
        Assert.Equal((UserTaskState.Created, 50), (task.State, task.Priority));
        Assert.Empty(task.CandidateGroups);
        Assert.Equal(new DateTimeOffset(2024, 4, 1, 12, 0, 0, TimeSpan.Zero), task.DueDate);
    }

    [Fact]
    public void A_denied_completion_leaves_no_job_no_incident_and_no_completion_date()
    {
        // Arrange
        var h = Deploy($"""
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="s" />{Flow("f1", "s", "review")}
              {UserTask("review", Listeners("completing:check"))}
              {Flow("f2", "review", "e")}<bpmn:endEvent id="e" />
            </bpmn:process>
            """);
        var instance = h.Start("p");
        var task = h.OpenTask(instance, "review");
        h.Engine.AssignUserTask(task.Key, "bo");
        h.Engine.CompleteUserTask(task.Key, EngineHarness.Vars("""{"x": 1}"""), assignee: "bo");

        // Act
        Answer(h, ActivateOne(h, "check").Key, denied: true, reason: "incomplete");

        // Assert
        var element = Element(instance, "review");
        Assert.Equal((UserTaskState.Created, "bo", null), (task.State, task.Assignee, task.CompletionDate));
        Assert.Equal((null, null, task.Key), (element.TaskTransition, element.JobKey, element.UserTaskKey));
        Assert.Empty(OpenJobs(h));
        Assert.Empty(ActiveIncidents(h));
        Assert.Null(EngineHarness.Variable(instance, "x"));
    }

    // ---- restart ---------------------------------------------------------------------------------

    [Fact]
    public void An_unassignment_corrected_by_its_first_listener_goes_on_after_a_reload_from_the_element_snapshot()
    {
        // Arrange
        var h = Deploy($"""
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="s" />{Flow("f1", "s", "review")}
              {UserTask("review", Listeners("assigning:a1", "assigning:a2"), """<zeebe:assignmentDefinition candidateGroups="agents" />""")}
              {Flow("f2", "review", "e")}<bpmn:endEvent id="e" />
            </bpmn:process>
            """);
        var instance = h.Start("p");
        var task = h.OpenTask(instance, "review");
        h.Engine.AssignUserTask(task.Key, "bo");
        Answer(h, ActivateOne(h, "a1").Key);
        Answer(h, ActivateOne(h, "a2").Key);
        h.Engine.AssignUserTask(task.Key, null);
        Answer(h, ActivateOne(h, "a1").Key, corrections: ("priority", new FeelNumber(75)));

        // Act
        var restored = Reload(h, instance);
        var second = ActivateOne(h, "a2");
        Answer(h, second.Key);

        // Assert: the second listener saw the unassignment with the first one's correction; both took effect
        Assert.Equal(("unassign", """["assignee","priority"]"""), (second.CustomHeaders["io.camunda.zeebe:action"], second.CustomHeaders["io.camunda.zeebe:changedAttributes"]));
        Assert.False(second.CustomHeaders.ContainsKey("io.camunda.zeebe:assignee"));
        Assert.Equal((UserTaskState.Created, null, 75), (task.State, task.Assignee, task.Priority));
        Assert.Null(Element(restored, "review").TaskTransition);
    }

    [Fact]
    public void A_creation_waiting_for_its_listener_still_assigns_the_model_s_assignee_after_a_reload()
    {
        // Arrange
        var h = Deploy($"""
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="s" />{Flow("f1", "s", "review")}
              {UserTask("review", Listeners("creating:made", "assigning:who"), """<zeebe:assignmentDefinition assignee="anna" />""")}
              {Flow("f2", "review", "e")}<bpmn:endEvent id="e" />
            </bpmn:process>
            """);
        var instance = h.Start("p");
        var task = Assert.Single(h.Store.UserTasks);
        var made = ActivateOne(h, "made");

        // Act
        Reload(h, instance);
        Answer(h, made.Key);
        Answer(h, ActivateOne(h, "who").Key);

        // Assert
        Assert.Equal((UserTaskState.Created, "anna"), (task.State, task.Assignee));
    }

    // ---- stored definitions ------------------------------------------------------------------------

    [Theory]
    [InlineData("""<bpmn:userTask id="t"><bpmn:extensionElements><zeebe:userTask /><zeebe:taskListeners><zeebe:taskListener eventType="canceling" type="x" /></zeebe:taskListeners></bpmn:extensionElements></bpmn:userTask>""")]
    [InlineData("""<bpmn:userTask id="t"><bpmn:extensionElements><zeebe:taskDefinition type="w" /><zeebe:taskListeners><zeebe:taskListener eventType="complete" type="x" /></zeebe:taskListeners></bpmn:extensionElements></bpmn:userTask>""")]
    public void A_stored_definition_with_task_listeners_an_older_version_ignored_still_loads(string task)
    {
        // Arrange: deployed by a version that skipped zeebe:taskListeners, read back at start-up
        var xml = Definitions($"""
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="s" />{Flow("f1", "s", "t")}{task}{Flow("f2", "t", "e")}<bpmn:endEvent id="e" />
            </bpmn:process>
            """);

        // Act
        var result = BpmnParser.Parse(xml, "p.bpmn", FeelEngine.Default, stored: true);

        // Assert: as the parameter promises, a rule added since does not quarantine the running instances
        Assert.Empty(result.Problems);
    }

    // ---- what Camunda accepts or refuses in a listener's result ----------------------------------------

    [Fact]
    public void A_creating_listener_may_set_the_assignee_when_the_model_s_assignee_expression_gives_none()
    {
        // Arrange: the model's assignee comes from a variable that is null, so the task has no initial assignee
        var h = Deploy($"""
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="s" />{Flow("f1", "s", "review")}
              {UserTask("review", Listeners("creating:made"), """<zeebe:assignmentDefinition assignee="=owner" />""")}
              {Flow("f2", "review", "e")}<bpmn:endEvent id="e" />
            </bpmn:process>
            """);
        h.Start("p", """{"owner": null}""");
        var task = Assert.Single(h.Store.UserTasks);

        // Act
        Answer(h, ActivateOne(h, "made").Key, corrections: ("assignee", new FeelString("bo")));

        // Assert
        Assert.Equal((UserTaskState.Created, "bo"), (task.State, task.Assignee));
    }

    [Fact]
    public void A_model_assignee_that_evaluates_to_an_empty_string_starts_no_assignment_through_the_assigning_listeners()
    {
        // Arrange: the assignee expression gives "", which is no assignee (Camunda stores no initial assignee for it)
        var h = Deploy($"""
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="s" />{Flow("f1", "s", "review")}
              {UserTask("review", Listeners("assigning:who"), """<zeebe:assignmentDefinition assignee="=owner" />""")}
              {Flow("f2", "review", "e")}<bpmn:endEvent id="e" />
            </bpmn:process>
            """);

        // Act
        var instance = h.Start("p", """{"owner": ""}""");

        // Assert
        var task = Assert.Single(h.Store.UserTasks);
        Assert.Equal((UserTaskState.Created, null), (task.State, task.Assignee));
        Assert.Empty(h.Engine.ActivateJobs("who", "w", Lease, 10));
        Assert.Null(Element(instance, "review").TaskTransition);
    }

    [Fact]
    public void A_creating_listener_denying_with_corrections_is_refused_for_the_denial_first_as_Camunda_checks()
    {
        // Arrange
        var h = Deploy($"""
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="s" />{Flow("f1", "s", "review")}
              {UserTask("review", Listeners("creating:made"))}
              {Flow("f2", "review", "e")}<bpmn:endEvent id="e" />
            </bpmn:process>
            """);
        h.Start("p");
        var job = ActivateOne(h, "made");

        // Act
        var refused = Assert.Throws<EngineException>(() => Answer(h, job.Key, denied: true, reason: "no", corrections: ("priority", new FeelNumber(1))));

        // Assert: JobCompleteProcessor checks "denying supported" before "denied with corrections"
        Assert.Equal(EngineError.InvalidArgument, refused.Error);
        Assert.StartsWith("Denying result is not supported for 'CREATING' task listener jobs", refused.Message, StringComparison.Ordinal);
    }
}
