using Orchestrator.Engine.Execution;
using Orchestrator.Engine.State;
using Orchestrator.Engine.Tests.Support;
using Orchestrator.Feel.Json;
using Orchestrator.Feel.Values;

namespace Orchestrator.Engine.Tests.Listeners;

/// <summary>Execution listeners (<c>zeebe:executionListeners</c>) as Camunda 8.8 runs them: jobs the element waits for, one at a time.</summary>
public class ExecutionListenerTests
{
    private static EngineHarness Deployed()
    {
        var h = new EngineHarness();
        h.Deploy("Listeners/listeners.bpmn");
        return h;
    }

    private static Job[] OpenJobs(EngineHarness h, ProcessInstance instance) =>
        h.Store.Jobs.Where(j => j.ProcessInstanceKey == instance.Key && j.State is JobState.Activatable or JobState.Activated).ToArray();

    private static string Json(IReadOnlyDictionary<string, FeelValue> variables, string name) => FeelJson.ToJsonString(variables[name]);

    private static string Local(ProcessInstance instance, string elementId, string name) =>
        FeelJson.ToJsonString(instance.Elements.Values.Single(e => e.Node.Id == elementId).Variables![name]);

    [Fact]
    public void Start_listeners_run_one_at_a_time_after_the_input_mappings_and_end_listeners_after_the_output_mappings()
    {
        // Arrange
        var h = Deployed();

        // Act: the process's start listener runs before its start event
        var instance = h.Start("refund", """{"amount": 20, "country": "de"}""");

        // Assert: one listener job, of the process, and nothing activated yet
        var opened = Assert.Single(OpenJobs(h, instance));
        Assert.Equal(("case.opened", JobKind.ExecutionListener, ListenerEventType.Start, "refund"), (opened.Type, opened.Kind, opened.ListenerEventType, opened.ElementId));
        Assert.Empty(EngineHarness.Active(instance));
        Assert.DoesNotContain(h.Engine.History(instance.Key), r => r.Intent == RecordIntent.ElementActivated);

        // Act: the process listener answers; the task's first start listener sees the input mapping
        h.CompleteJob("case.opened", """{"caseNo": "C-1"}""");
        var limit = Assert.Single(h.Engine.ActivateJobs("check.limit", "w", TimeSpan.FromMinutes(1), 5));

        // Assert: the task is activating, its job not created; the listener carries the task's headers and sees its locals
        Assert.Equal("\"C-1\"", EngineHarness.Variable(instance, "caseNo"));
        Assert.Equal(["pay"], EngineHarness.Active(instance));
        Assert.Equal((JobKind.ExecutionListener, ListenerEventType.Start), (limit.Kind, limit.ListenerEventType));
        Assert.Equal("bank", limit.CustomHeaders["channel"]);
        Assert.Equal("40", Json(limit.Variables, "doubled"));
        Assert.Equal(["check.limit"], OpenJobs(h, instance).Select(j => j.Type));

        // Act: the first start listener answers with a variable; the second (its type from FEEL) answers too
        h.Engine.CompleteJob(limit.Key, EngineHarness.Vars("""{"limitOk": true}"""));
        Assert.Equal(["check.de"], OpenJobs(h, instance).Select(j => j.Type));
        h.CompleteJob("check.de");

        // Assert: the start listener's variable is the task's own; now the task's job exists
        Assert.Equal("true", Local(instance, "pay", "limitOk"));
        Assert.Null(EngineHarness.Variable(instance, "limitOk"));
        var pay = Assert.Single(OpenJobs(h, instance));
        Assert.Equal(("pay", JobKind.BpmnElement, ListenerEventType.Unspecified), (pay.Type, pay.Kind, pay.ListenerEventType));

        // Act: the task's worker answers; its end listener sees the output mapping
        h.CompleteJob("pay", """{"paid": 40}""");
        var audit = Assert.Single(h.Engine.ActivateJobs("audit", "w", TimeSpan.FromMinutes(1), 5));
        Assert.Equal((JobKind.ExecutionListener, ListenerEventType.End), (audit.Kind, audit.ListenerEventType));
        Assert.Equal("40", Json(audit.Variables, "paidAmount"));
        Assert.DoesNotContain("pay", h.Completed(instance));
        h.Engine.CompleteJob(audit.Key, EngineHarness.Vars("""{"audited": true}"""));

        // Assert: the end listener's variable went to the task's flow scope; the process's end listener runs before it completes
        Assert.Equal("true", EngineHarness.Variable(instance, "audited"));
        Assert.Equal(["pay", "done"], h.Completed(instance)[1..]);
        Assert.Equal(LifecycleState.Active, instance.State);
        Assert.Equal(["case.closed"], OpenJobs(h, instance).Select(j => j.Type));
        h.CompleteJob("case.closed", """{"closedBy": "listener"}""");
        Assert.Equal(LifecycleState.Completed, instance.State);
    }

    [Fact]
    public void Boundary_events_are_armed_once_the_start_listeners_are_done_and_an_interrupted_task_runs_no_end_listener()
    {
        // Arrange: the task's start listeners take longer than its one-hour timer
        var h = Deployed();
        var instance = h.Start("refund", """{"amount": 1, "country": "fr"}""");
        h.CompleteJob("case.opened");

        // Act
        h.Advance(TimeSpan.FromHours(2));

        // Assert: no timer yet, the listener still waits
        Assert.Equal(["pay"], EngineHarness.Active(instance));
        Assert.Equal(["check.limit"], OpenJobs(h, instance).Select(j => j.Type));

        // Act: the listeners answer, then the hour passes
        h.CompleteJob("check.limit");
        h.CompleteJob("check.fr");
        h.Advance(TimeSpan.FromHours(1));

        // Assert: the timer interrupted the task: its job was canceled and its end listener never ran
        Assert.Contains("late", h.Completed(instance));
        Assert.Contains(h.Store.Jobs, j => j.Type == "pay" && j.State == JobState.Canceled);
        Assert.DoesNotContain(h.Store.Jobs, j => j.Type == "audit");
        Assert.Equal(["case.closed"], OpenJobs(h, instance).Select(j => j.Type));
    }

    [Fact]
    public void Cancelling_an_instance_cancels_the_open_listener_job_and_runs_no_end_listener()
    {
        // Arrange
        var h = Deployed();
        var instance = h.Start("refund", """{"amount": 1, "country": "fr"}""");
        h.CompleteJob("case.opened");
        var limit = Assert.Single(OpenJobs(h, instance));

        // Act
        h.Engine.CancelInstance(instance.Key);

        // Assert
        Assert.Equal(LifecycleState.Terminated, instance.State);
        Assert.Equal(JobState.Canceled, limit.State);
        Assert.Empty(OpenJobs(h, instance));
        Assert.DoesNotContain(h.Store.Jobs, j => j.Type is "audit" or "case.closed");
        var error = Assert.Throws<EngineException>(() => h.Engine.CompleteJob(limit.Key));
        Assert.Equal(EngineError.NotFound, error.Error);
    }

    [Fact]
    public void A_listener_job_out_of_retries_raises_its_own_incident_and_resolving_it_retries_only_that_listener()
    {
        // Arrange: the second start listener is the one that fails
        var h = Deployed();
        var instance = h.Start("refund", """{"amount": 1, "country": "fr"}""");
        h.CompleteJob("case.opened");
        h.CompleteJob("check.limit");
        var check = Assert.Single(h.Engine.ActivateJobs("check.fr", "w", TimeSpan.FromMinutes(1), 1));

        // Act
        h.Engine.FailJob(check.Key, 0, "registry down");

        // Assert
        var incident = Assert.Single(h.Store.Incidents, i => i.State == LifecycleState.Active);
        Assert.Equal((IncidentType.ExecutionListenerNoRetries, "pay", check.Key), (incident.Type, incident.ElementId, incident.JobKey));
        Assert.Throws<EngineException>(() => h.Engine.ResolveIncident(incident.Key));

        // Act: retries back, incident resolved
        h.Engine.UpdateJobRetries(check.Key, 1);
        h.Engine.ResolveIncident(incident.Key);
        h.CompleteJob("check.fr");

        // Assert: the first listener did not run again; the task's job exists
        Assert.Single(h.Store.Jobs, j => j.Type == "check.limit");
        Assert.Equal(["pay"], OpenJobs(h, instance).Select(j => j.Type));
    }

    [Fact]
    public void A_listener_type_that_is_not_a_string_raises_an_incident_and_resolving_it_runs_every_start_listener_again()
    {
        // Arrange: no country, so the second listener's type is null
        var h = Deployed();
        var instance = h.Start("refund", """{"amount": 1}""");
        h.CompleteJob("case.opened");
        h.CompleteJob("check.limit");

        // Assert
        var incident = Assert.Single(h.Store.Incidents, i => i.State == LifecycleState.Active);
        Assert.Equal((IncidentType.ExtractValueError, null), (incident.Type, incident.JobKey));
        Assert.Contains("start listener", incident.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(OpenJobs(h, instance));

        // Act: the variable is set and the incident resolved
        var pay = instance.Elements.Values.Single(e => e.Node.Id == "pay");
        h.Engine.SetVariables(instance.Key, EngineHarness.Vars("""{"country": "it"}"""), local: false);
        h.Engine.ResolveIncident(incident.Key);

        // Assert: the listeners start over from the first, as Zeebe re-runs all of an event's listeners
        Assert.Equal(["check.limit"], OpenJobs(h, instance).Select(j => j.Type));
        h.CompleteJob("check.limit");
        h.CompleteJob("check.it");
        Assert.Equal(["pay"], OpenJobs(h, instance).Select(j => j.Type));
        Assert.True(instance.Elements.ContainsKey(pay.Key));
    }

    [Fact]
    public void A_listener_job_cannot_throw_a_BPMN_error()
    {
        // Arrange
        var h = Deployed();
        h.Start("refund", """{"amount": 1, "country": "fr"}""");
        var opened = Assert.Single(h.Engine.ActivateJobs("case.opened", "w", TimeSpan.FromMinutes(1), 1));

        // Act
        var error = Assert.Throws<EngineException>(() => h.Engine.ThrowJobError(opened.Key, "nope"));

        // Assert
        Assert.Equal(EngineError.InvalidState, error.Error);
        Assert.Contains("Cannot throw BPMN error from EXECUTION_LISTENER job", error.Message, StringComparison.Ordinal);
        Assert.Equal(JobState.Activated, h.Store.GetJob(opened.Key)!.State);
    }

    [Theory]
    [InlineData("fast", "fast")]
    [InlineData("slow", "slow")]
    public void A_gateway_s_start_listener_sets_what_its_conditions_read(string lane, string end)
    {
        // Arrange
        var h = Deployed();
        var instance = h.Start("route");

        // Act
        h.CompleteJob("decide", $$"""{"lane": "{{lane}}"}""");

        // Assert
        Assert.Equal(LifecycleState.Completed, instance.State);
        Assert.Equal(end, h.Completed(instance)[^1]);
    }

    [Fact]
    public void A_multi_instance_task_runs_its_listeners_for_each_inner_instance()
    {
        // Arrange
        var h = Deployed();
        var instance = h.Start("each", """{"items": ["a", "b"]}""");
        var order = new List<string>();

        // Act: answer whatever job is open until the instance ends
        while (OpenJobs(h, instance).SingleOrDefault() is { } job)
        {
            var activated = Assert.Single(h.Engine.ActivateJobs(job.Type, "w", TimeSpan.FromMinutes(1), 1));
            order.Add($"{job.Type}:{((FeelString)activated.Variables["it"]).Value}");
            h.Engine.CompleteJob(job.Key);
        }

        // Assert
        Assert.Equal(["item.before:a", "item:a", "item.after:a", "item.before:b", "item:b", "item.after:b"], order);
        Assert.Equal(LifecycleState.Completed, instance.State);
    }

    [Fact]
    public void The_event_that_wins_an_event_based_gateway_runs_its_start_listener_and_keeps_the_message_s_variables()
    {
        // Arrange
        var h = Deployed();
        var instance = h.Start("race", """{"orderId": "o-7"}""");

        // Act
        h.Engine.PublishMessage("answer", "o-7", variables: EngineHarness.Vars("""{"reply": "yes"}"""));

        // Assert: the catch event waits for its listener; the timer is gone
        Assert.Equal(["answered"], EngineHarness.Active(instance));
        h.Advance(TimeSpan.FromDays(2));
        Assert.Equal(["answered"], EngineHarness.Active(instance));

        // Act
        h.CompleteJob("answered.before");

        // Assert
        Assert.Equal(LifecycleState.Completed, instance.State);
        Assert.Equal("\"yes\"", EngineHarness.Variable(instance, "reply"));
        Assert.Equal("gEnd", h.Completed(instance)[^1]);
    }

    [Theory]
    [InlineData("""<bpmn:startEvent id="s"><bpmn:extensionElements><zeebe:executionListeners><zeebe:executionListener eventType="start" type="x" /></zeebe:executionListeners></bpmn:extensionElements></bpmn:startEvent><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="e" /><bpmn:endEvent id="e" />""",
        "s", "Execution listeners of type 'start' are not supported by start events")]
    [InlineData("""<bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="g" /><bpmn:parallelGateway id="g"><bpmn:extensionElements><zeebe:executionListeners><zeebe:executionListener eventType="end" type="x" /></zeebe:executionListeners></bpmn:extensionElements></bpmn:parallelGateway><bpmn:sequenceFlow id="f2" sourceRef="g" targetRef="e" /><bpmn:endEvent id="e" />""",
        "g", "Execution listeners of type 'end' are not supported by gateway element")]
    [InlineData("""<bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="t" /><bpmn:task id="t"><bpmn:extensionElements><zeebe:executionListeners><zeebe:executionListener eventType="end" type="x" /><zeebe:executionListener eventType="end" type="x" /></zeebe:executionListeners></bpmn:extensionElements></bpmn:task><bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e" /><bpmn:endEvent id="e" />""",
        "t", "Found '2' duplicates based on eventType[end] and type[x], these combinations should be unique.")]
    [InlineData("""<bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="t" /><bpmn:task id="t"><bpmn:extensionElements><zeebe:executionListeners><zeebe:executionListener eventType="start" type="" /></zeebe:executionListeners></bpmn:extensionElements></bpmn:task><bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e" /><bpmn:endEvent id="e" />""",
        "t", "Attribute 'type' must be present and not empty")]
    [InlineData("""<bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="t" /><bpmn:task id="t"><bpmn:extensionElements><zeebe:executionListeners><zeebe:executionListener eventType="before" type="x" /></zeebe:executionListeners></bpmn:extensionElements></bpmn:task><bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e" /><bpmn:endEvent id="e" />""",
        "t", "eventType must be 'start' or 'end', not 'before'")]
    [InlineData("""<bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="t" /><bpmn:serviceTask id="t"><bpmn:extensionElements><zeebe:taskDefinition type="t" /></bpmn:extensionElements></bpmn:serviceTask><bpmn:boundaryEvent id="b" attachedToRef="t"><bpmn:extensionElements><zeebe:executionListeners><zeebe:executionListener eventType="start" type="x" /></zeebe:executionListeners></bpmn:extensionElements><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent><bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e" /><bpmn:endEvent id="e" /><bpmn:sequenceFlow id="f3" sourceRef="b" targetRef="e2" /><bpmn:endEvent id="e2" />""",
        "b", "Execution listeners of type 'start' are not supported by boundary events")]
    [InlineData("""<bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="e"><bpmn:extensionElements><zeebe:executionListeners><zeebe:executionListener eventType="start" type="x" /></zeebe:executionListeners></bpmn:extensionElements></bpmn:sequenceFlow><bpmn:endEvent id="e" />""",
        "f", "Execution listeners are not supported for the 'sequenceFlow' element")]
    public void Listeners_where_Zeebe_refuses_them_are_refused_naming_the_element(string body, string elementId, string message)
    {
        // Arrange
        var xml = $"""
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
              <bpmn:process id="p" isExecutable="true">{body}</bpmn:process>
            </bpmn:definitions>
            """;

        // Act
        var problems = Assert.Throws<DeploymentException>(() => new EngineHarness().DeployXml("p.bpmn", xml)).Problems;

        // Assert
        var problem = Assert.Single(problems);
        Assert.Equal(elementId, problem.ElementId);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }
}
