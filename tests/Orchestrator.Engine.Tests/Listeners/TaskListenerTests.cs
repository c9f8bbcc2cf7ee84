using Orchestrator.Engine.Execution;
using Orchestrator.Engine.State;
using Orchestrator.Engine.Tests.Support;
using Orchestrator.Feel.Values;

namespace Orchestrator.Engine.Tests.Listeners;

/// <summary>User task listeners (<c>zeebe:taskListeners</c>) as Camunda 8.8 runs them: the task waits in a transitional state for their jobs, which may correct or deny the change.</summary>
public class TaskListenerTests
{
    private static EngineHarness Deployed()
    {
        var h = new EngineHarness();
        h.Deploy("Listeners/task-listeners.bpmn");
        return h;
    }

    /// <summary>A review whose creating listener has answered: the task is open.</summary>
    private static (EngineHarness H, ProcessInstance Instance, UserTask Task) Created(string? variablesJson = null)
    {
        var h = Deployed();
        var instance = h.Start("review-return", variablesJson ?? """{"checker": "lead"}""");
        h.CompleteJob("tl.create");
        return (h, instance, h.OpenTask(instance, "review"));
    }

    private static ActivatedJob Listener(EngineHarness h, string type) => Assert.Single(h.Engine.ActivateJobs(type, "w", TimeSpan.FromMinutes(1), 5));

    private static void Answer(EngineHarness h, ActivatedJob job, bool denied = false, string? reason = null, params (string Name, FeelValue Value)[] corrections) =>
        h.Engine.CompleteJob(job.Key, userTaskResult: new UserTaskJobResult(denied, reason, corrections.ToDictionary(c => c.Name, c => c.Value)));

    private static string[] Intents(EngineHarness h, UserTask task) =>
        h.Engine.History(task.ProcessInstanceKey).Where(r => r.Key == task.Key && r.ValueType == RecordValueType.UserTask).Select(r => RecordNames.Of(r.Intent)).ToArray();

    [Fact]
    public void A_task_is_creating_until_its_creating_listener_answers_and_takes_its_corrections()
    {
        // Arrange
        var h = Deployed();
        var instance = h.Start("review-return");
        var task = Assert.Single(h.Store.UserTasks);

        // Act
        var job = Listener(h, "tl.create");

        // Assert: the task is not open yet; the listener sees it with the element's headers and Camunda's task headers
        Assert.Equal(UserTaskState.Creating, task.State);
        Assert.Equal((JobKind.TaskListener, ListenerEventType.Creating), (job.Kind, job.ListenerEventType));
        Assert.Equal("returns", job.CustomHeaders["team"]);
        Assert.Equal(task.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), job.CustomHeaders["io.camunda.zeebe:userTaskKey"]);
        Assert.Equal("create", job.CustomHeaders["io.camunda.zeebe:action"]);
        Assert.Equal("""["agents"]""", job.CustomHeaders["io.camunda.zeebe:candidateGroups"]);
        Assert.Throws<EngineException>(() => h.Engine.AssignUserTask(task.Key, "bo"));

        // Act: the listener corrects the priority and candidate groups
        Answer(h, job, corrections: [("priority", new FeelNumber(90)), ("candidateGroupsList", new FeelList([new FeelString("seniors")]))]);

        // Assert
        Assert.Equal(UserTaskState.Created, task.State);
        Assert.Equal(90, task.Priority);
        Assert.Equal(["seniors"], task.CandidateGroups);
        Assert.Equal(["CREATING", "CORRECTED", "CREATED"], Intents(h, task));
        Assert.Equal(["review"], EngineHarness.Active(instance));
    }

    [Fact]
    public void An_assignment_waits_for_its_listener_which_sees_the_new_assignee_and_may_correct_it()
    {
        // Arrange
        var (h, _, task) = Created();

        // Act
        var state = h.Engine.AssignUserTask(task.Key, "bo", requester: "bo");
        var job = Listener(h, "tl.assign");

        // Assert: nothing assigned yet; the listener sees the assignee the change would set
        Assert.Equal(UserTaskState.Assigning, state.State);
        Assert.Null(task.Assignee);
        Assert.Equal(("bo", "claim", """["assignee"]"""),
            (job.CustomHeaders["io.camunda.zeebe:assignee"], job.CustomHeaders["io.camunda.zeebe:action"], job.CustomHeaders["io.camunda.zeebe:changedAttributes"]));

        // Act: the listener hands it to someone else
        Answer(h, job, corrections: ("assignee", new FeelString("cai")));

        // Assert
        Assert.Equal((UserTaskState.Created, "cai"), (task.State, task.Assignee));
        Assert.Equal(["CREATING", "CREATED", "ASSIGNING", "CORRECTED", "ASSIGNED"], Intents(h, task));
    }

    [Fact]
    public void A_denied_assignment_leaves_the_task_as_it_was_and_records_the_reason()
    {
        // Arrange
        var (h, _, task) = Created();
        h.Engine.AssignUserTask(task.Key, "bo");
        Answer(h, Listener(h, "tl.assign"));

        // Act
        h.Engine.AssignUserTask(task.Key, "dan");
        Answer(h, Listener(h, "tl.assign"), denied: true, reason: "dan is on leave");

        // Assert
        Assert.Equal((UserTaskState.Created, "bo"), (task.State, task.Assignee));
        var denial = h.Engine.History(task.ProcessInstanceKey).Last(r => r.Key == task.Key);
        Assert.Equal((RecordIntent.AssignmentDenied, "dan is on leave"), (denial.Intent, denial.Detail));
    }

    [Fact]
    public void A_completion_waits_for_every_completing_listener_and_a_denial_keeps_the_task_open_without_its_variables()
    {
        // Arrange
        var (h, instance, task) = Created("""{"checker": "lead"}""");

        // Act: completed with a decision; the first listener agrees, the second (its type from FEEL) denies
        var state = h.Engine.CompleteUserTask(task.Key, EngineHarness.Vars("""{"approved": true}"""));
        Assert.Equal(UserTaskState.Completing, state.State);
        Assert.Throws<EngineException>(() => h.Engine.CompleteUserTask(task.Key));
        Answer(h, Listener(h, "tl.complete"));
        Answer(h, Listener(h, "tl.lead"), denied: true, reason: "photos missing");

        // Assert: open again, nothing completed, the decision not kept
        Assert.Equal(UserTaskState.Created, task.State);
        Assert.Equal(["review"], EngineHarness.Active(instance));
        Assert.Null(EngineHarness.Variable(instance, "approved"));

        // Act: completed again, both listeners agree
        h.Engine.CompleteUserTask(task.Key, EngineHarness.Vars("""{"approved": false}"""));
        Answer(h, Listener(h, "tl.complete"));
        Answer(h, Listener(h, "tl.lead"));

        // Assert
        Assert.Equal(UserTaskState.Completed, task.State);
        Assert.Equal(LifecycleState.Completed, instance.State);
        Assert.Equal("false", EngineHarness.Variable(instance, "approved"));
        Assert.Equal(["COMPLETING", "COMPLETION_DENIED", "COMPLETING", "COMPLETED"], Intents(h, task)[2..]);
    }

    [Fact]
    public void An_update_takes_effect_with_the_listener_s_corrections_and_a_command_meanwhile_is_refused_naming_the_state()
    {
        // Arrange
        var (h, _, task) = Created();
        var due = new DateTimeOffset(2024, 3, 20, 17, 0, 0, TimeSpan.Zero);

        // Act
        h.Engine.UpdateUserTask(task.Key, dueDate: due, priority: 70);
        var job = Listener(h, "tl.update");
        var refused = Assert.Throws<EngineException>(() => h.Engine.CompleteUserTask(task.Key));
        Answer(h, job, corrections: ("followUpDate", new FeelString("2024-03-19T09:00:00Z")));

        // Assert
        Assert.Equal(EngineError.InvalidState, refused.Error);
        Assert.Equal($"Expected to complete user task with key '{task.Key}', but it is in state 'UPDATING'", refused.Message);
        Assert.Equal("""["dueDate","priority"]""", job.CustomHeaders["io.camunda.zeebe:changedAttributes"]);
        Assert.Equal((UserTaskState.Created, due, 70), (task.State, task.DueDate, task.Priority));
        Assert.Equal(new DateTimeOffset(2024, 3, 19, 9, 0, 0, TimeSpan.Zero), task.FollowUpDate);
    }

    [Fact]
    public void Local_variables_of_the_task_are_an_update_its_updating_listener_decides()
    {
        // Arrange
        var (h, instance, task) = Created();
        var element = instance.Elements[task.ElementInstanceKey];

        // Act: an operator sets a local variable on the task; the listener denies it, then a second one is let through
        var first = h.Engine.SetVariables(element.Key, EngineHarness.Vars("""{"note": "call back"}"""), local: true);
        var job = Listener(h, "tl.update");
        Answer(h, job, denied: true, reason: "notes go in the case");
        var second = h.Engine.SetVariables(element.Key, EngineHarness.Vars("""{"note": "called"}"""), local: true);
        Assert.False(element.Variables?.ContainsKey("note") ?? false);
        Answer(h, Listener(h, "tl.update"));

        // Assert
        Assert.Equal((UserTaskState.Updating, UserTaskState.Updating), (first!.Value.State, second!.Value.State));
        Assert.Equal(("update", """["variables"]"""), (job.CustomHeaders["io.camunda.zeebe:action"], job.CustomHeaders["io.camunda.zeebe:changedAttributes"]));
        Assert.Equal(new FeelString("called"), element.Variables!["note"]);
        Assert.Equal(["UPDATING", "UPDATE_DENIED", "UPDATING", "UPDATED"], Intents(h, task)[2..]);
        Assert.Null(h.Engine.SetVariables(instance.Key, EngineHarness.Vars("""{"other": 1}"""), local: true));
    }

    [Fact]
    public void The_model_s_assignee_is_assigned_through_the_assigning_listener_once_the_task_is_created()
    {
        // Arrange
        var h = Deployed();
        var instance = h.Start("assigned-review");
        var task = Assert.Single(h.Store.UserTasks);

        // Act
        var job = Listener(h, "tl.assign");

        // Assert: created unassigned, now assigning to the model's assignee
        Assert.Equal((UserTaskState.Assigning, null), (task.State, task.Assignee));
        Assert.Equal(("anna", "assign"), (job.CustomHeaders["io.camunda.zeebe:assignee"], job.CustomHeaders["io.camunda.zeebe:action"]));

        // Act
        Answer(h, job);

        // Assert
        Assert.Equal((UserTaskState.Created, "anna"), (task.State, task.Assignee));
        Assert.Equal(["check"], EngineHarness.Active(instance));
    }

    [Fact]
    public void Cancelling_the_instance_while_a_listener_runs_cancels_the_task_and_the_listener_job()
    {
        // Arrange
        var (h, instance, task) = Created();
        h.Engine.CompleteUserTask(task.Key);
        var job = Listener(h, "tl.complete");

        // Act
        h.Engine.CancelInstance(instance.Key);

        // Assert
        Assert.Equal(UserTaskState.Canceled, task.State);
        Assert.Equal(JobState.Canceled, h.Store.GetJob(job.Key)!.State);
        Assert.Equal(EngineError.NotFound, Assert.Throws<EngineException>(() => h.Engine.CompleteJob(job.Key, userTaskResult: new UserTaskJobResult(false, null, null))).Error);
    }

    [Fact]
    public void A_task_listener_out_of_retries_opens_its_incident_and_resolving_it_retries_that_listener()
    {
        // Arrange
        var (h, _, task) = Created();
        h.Engine.UpdateUserTask(task.Key, priority: 10);
        var job = Listener(h, "tl.update");

        // Act
        h.Engine.FailJob(job.Key, 0, "policy service down");

        // Assert
        var incident = Assert.Single(h.Store.Incidents, i => i.State == LifecycleState.Active);
        Assert.Equal((IncidentType.TaskListenerNoRetries, job.Key), (incident.Type, incident.JobKey));
        Assert.Equal(UserTaskState.Updating, task.State);

        // Act
        h.Engine.UpdateJobRetries(job.Key, 1);
        h.Engine.ResolveIncident(incident.Key);
        Answer(h, Listener(h, "tl.update"));

        // Assert
        Assert.Equal((UserTaskState.Created, 10), (task.State, task.Priority));
    }

    [Fact]
    public void A_listener_type_that_fails_raises_an_incident_and_resolving_it_runs_the_event_s_listeners_again()
    {
        // Arrange: no checker, so the second completing listener has no type
        var (h, instance, task) = Created("{}");
        h.Engine.CompleteUserTask(task.Key, EngineHarness.Vars("""{"approved": true}"""));
        Answer(h, Listener(h, "tl.complete"));
        var incident = Assert.Single(h.Store.Incidents, i => i.State == LifecycleState.Active);
        Assert.Equal((IncidentType.ExtractValueError, null), (incident.Type, incident.JobKey));

        // Act
        h.Engine.SetVariables(instance.Key, EngineHarness.Vars("""{"checker": "qa"}"""), local: false);
        h.Engine.ResolveIncident(incident.Key);
        Answer(h, Listener(h, "tl.complete"));
        Answer(h, Listener(h, "tl.qa"));

        // Assert: one task only, completed with the variables it was completed with
        Assert.Single(h.Store.UserTasks);
        Assert.Equal(LifecycleState.Completed, instance.State);
        Assert.Equal("true", EngineHarness.Variable(instance, "approved"));
    }

    [Fact]
    public void What_Camunda_refuses_in_a_task_listener_s_answer_is_refused_and_changes_nothing()
    {
        // Arrange
        var h = Deployed();
        h.Start("review-return", """{"checker": "lead"}""");
        var creating = Listener(h, "tl.create");
        var none = new Dictionary<string, FeelValue>();

        // Act
        var variables = Assert.Throws<EngineException>(() => h.Engine.CompleteJob(creating.Key, EngineHarness.Vars("""{"x": 1}""")));
        var denyCreating = Assert.Throws<EngineException>(() => h.Engine.CompleteJob(creating.Key, userTaskResult: new UserTaskJobResult(true, "no", none)));
        var denyAndCorrect = Assert.Throws<EngineException>(() => h.Engine.CompleteJob(creating.Key,
            userTaskResult: new UserTaskJobResult(true, "no", new Dictionary<string, FeelValue> { ["priority"] = new FeelNumber(1) })));
        var unknown = Assert.Throws<EngineException>(() => h.Engine.CompleteJob(creating.Key,
            userTaskResult: new UserTaskJobResult(false, null, new Dictionary<string, FeelValue> { ["name"] = new FeelString("x") })));
        var adHoc = Assert.Throws<EngineException>(() => h.Engine.CompleteJob(creating.Key, adHocResult: new AdHocJobResult([], true, false)));

        // Assert
        Assert.All([variables, denyCreating, denyAndCorrect, unknown, adHoc], e => Assert.Equal(EngineError.InvalidArgument, e.Error));
        Assert.StartsWith("Task Listener job completion with variables payload provided is not yet supported", variables.Message, StringComparison.Ordinal);
        Assert.StartsWith("Denying result is not supported for 'CREATING' task listener jobs", denyCreating.Message, StringComparison.Ordinal);
        Assert.StartsWith("Denying result is not supported for 'CREATING'", denyAndCorrect.Message, StringComparison.Ordinal);
        Assert.Contains("property 'name' cannot be corrected", unknown.Message, StringComparison.Ordinal);
        Assert.Equal(JobState.Activated, h.Store.GetJob(creating.Key)!.State);
    }

    [Fact]
    public void A_creating_listener_may_not_set_an_assignee_the_model_sets()
    {
        // Arrange
        var h = new EngineHarness();
        h.DeployXml("p.bpmn", """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
              <bpmn:process id="p" isExecutable="true">
                <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t" />
                <bpmn:userTask id="t"><bpmn:extensionElements><zeebe:userTask /><zeebe:assignmentDefinition assignee="anna" />
                  <zeebe:taskListeners><zeebe:taskListener eventType="creating" type="c" /></zeebe:taskListeners></bpmn:extensionElements></bpmn:userTask>
                <bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e" /><bpmn:endEvent id="e" />
              </bpmn:process>
            </bpmn:definitions>
            """);
        h.Start("p");
        var job = Listener(h, "c");

        // Act
        var error = Assert.Throws<EngineException>(() => Answer(h, job, corrections: ("assignee", new FeelString("bo"))));

        // Assert
        Assert.Contains("correcting the assignee on 'CREATING' event is not supported", error.Message, StringComparison.Ordinal);
        Answer(h, job);
        Assert.Equal("anna", Assert.Single(h.Store.UserTasks).Assignee);
    }

    [Theory]
    [InlineData("""<bpmn:userTask id="t"><bpmn:extensionElements><zeebe:taskListeners><zeebe:taskListener eventType="completing" type="x" /></zeebe:taskListeners></bpmn:extensionElements></bpmn:userTask>""",
        "Task listeners are only allowed on Camunda user tasks.")]
    [InlineData("""<bpmn:userTask id="t"><bpmn:extensionElements><zeebe:userTask /><zeebe:taskListeners><zeebe:taskListener eventType="closing" type="x" /></zeebe:taskListeners></bpmn:extensionElements></bpmn:userTask>""",
        "eventType must be creating, assigning, updating, completing or canceling, not 'closing'")]
    [InlineData("""<bpmn:userTask id="t"><bpmn:extensionElements><zeebe:userTask /><zeebe:taskListeners><zeebe:taskListener eventType="creating" /></zeebe:taskListeners></bpmn:extensionElements></bpmn:userTask>""",
        "Attribute 'type' must be present and not empty")]
    public void Task_listeners_Camunda_would_not_run_are_refused_naming_the_task(string task, string message)
    {
        // Arrange
        var xml = $"""
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
              <bpmn:process id="p" isExecutable="true">
                <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t" />{task}<bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e" /><bpmn:endEvent id="e" />
              </bpmn:process>
            </bpmn:definitions>
            """;

        // Act
        var problems = Assert.Throws<DeploymentException>(() => new EngineHarness().DeployXml("p.bpmn", xml)).Problems;

        // Assert
        var problem = Assert.Single(problems);
        Assert.Equal("t", problem.ElementId);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }
}
