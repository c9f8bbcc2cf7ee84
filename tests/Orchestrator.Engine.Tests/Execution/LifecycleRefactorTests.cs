using Orchestrator.Engine.Execution;
using Orchestrator.Engine.State;
using Orchestrator.Engine.Tests.Support;
using Orchestrator.Feel.Json;
using Orchestrator.Feel.Values;

namespace Orchestrator.Engine.Tests.Execution;

/// <summary>
/// What the element lifecycle refactor (behaviours with OnActivate/OnComplete/OnTerminate/OnChildCompleted/MayComplete, the
/// multi-instance body as a behaviour of its own), the parser's flows-by-source reading and the listener-decided variable
/// updates of user tasks could have changed by accident.
/// </summary>
public class LifecycleRefactorTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private static string Model(string processes, string globals = "") => $"""
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="d" targetNamespace="t">
          {globals}
          {processes}
        </bpmn:definitions>
        """;

    private static string Process(string id, string body) => $"""<bpmn:process id="{id}" isExecutable="true">{body}</bpmn:process>""";

    private static string F(string id, string source, string target, string condition = "") => condition.Length == 0
        ? $"""<bpmn:sequenceFlow id="{id}" sourceRef="{source}" targetRef="{target}" />"""
        : $"""<bpmn:sequenceFlow id="{id}" sourceRef="{source}" targetRef="{target}"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">{condition}</bpmn:conditionExpression></bpmn:sequenceFlow>""";

    private static string Svc(string id, string type, string inside = "", string extensions = "") =>
        $"""<bpmn:serviceTask id="{id}"><bpmn:extensionElements><zeebe:taskDefinition type="{type}" />{extensions}</bpmn:extensionElements>{inside}</bpmn:serviceTask>""";

    private static string Loop(string collection, bool sequential = false, string output = "", string completion = "") =>
        $"""<bpmn:multiInstanceLoopCharacteristics isSequential="{(sequential ? "true" : "false")}"><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="{collection}" inputElement="n" {output} /></bpmn:extensionElements>"""
        + (completion.Length == 0 ? string.Empty : $"""<bpmn:completionCondition xsi:type="bpmn:tFormalExpression">{completion}</bpmn:completionCondition>""")
        + "</bpmn:multiInstanceLoopCharacteristics>";

    private static IReadOnlyList<ActivatedJob> Jobs(EngineHarness h, string type) => h.Engine.ActivateJobs(type, "w", Lease, 10);

    private static int Intents(EngineHarness h, ProcessInstance instance, RecordIntent intent, string elementId) =>
        h.Engine.History(instance.Key).Count(r => r.Intent == intent && r.ElementId == elementId && r.ValueType == RecordValueType.Element);

    private static string Json(FeelValue value) => FeelJson.ToJsonString(value);

    // ---- multi-instance bodies --------------------------------------------------------------

    [Fact]
    public void Parallel_multi_instance_completion_condition_terminates_the_rest_collects_outputs_and_leaves_once()
    {
        // Arrange
        var h = new EngineHarness();
        h.DeployXml("mi.bpmn", Model(Process("mi",
            """<bpmn:startEvent id="s" />""" + F("f1", "s", "work")
            + Svc("work", "work", Loop("=[1,2,3]", output: """outputCollection="results" outputElement="=r" """, completion: """=r = "stop" """))
            + F("f2", "work", "after") + Svc("after", "after") + F("f3", "after", "e") + """<bpmn:endEvent id="e" />""")));
        var instance = h.Start("mi");
        var jobs = Jobs(h, "work").ToDictionary(j => Json(j.Variables["n"]));
        Assert.Equal(3, jobs.Count);

        // Act
        h.Engine.CompleteJob(jobs["1"].Key, EngineHarness.Vars("""{"r": "a"}"""));
        h.Engine.CompleteJob(jobs["2"].Key, EngineHarness.Vars("""{"r": "stop"}"""));

        // Assert: the third is terminated with its job; the body left by its flow once; outputs by position
        Assert.Equal(["after"], EngineHarness.Active(instance));
        Assert.Equal("""["a","stop",null]""", EngineHarness.Variable(instance, "results"));
        Assert.Equal(JobState.Canceled, h.Store.GetJob(jobs["3"].Key)!.State);
        Assert.Equal(3, Intents(h, instance, RecordIntent.ElementCompleted, "work"));
        Assert.Equal(1, Intents(h, instance, RecordIntent.ElementTerminated, "work"));
        Assert.Equal(1, h.Engine.History(instance.Key).Count(r => r.Intent == RecordIntent.SequenceFlowTaken && r.ElementId == "f2"));
        var late = Assert.Throws<EngineException>(() => h.Engine.CompleteJob(jobs["3"].Key));
        Assert.Equal(EngineError.NotFound, late.Error);
    }

    [Fact]
    public void A_boundary_timer_on_a_sequential_multi_instance_subprocess_terminates_the_body_and_cancels_the_open_user_task()
    {
        // Arrange
        var h = new EngineHarness();
        h.DeployXml("seq.bpmn", Model(Process("seq",
            """<bpmn:startEvent id="s" />""" + F("f1", "s", "sub")
            + """<bpmn:subProcess id="sub">""" + Loop("=[1,2,3]", sequential: true)
            + """<bpmn:startEvent id="ss" />""" + F("g1", "ss", "review")
            + """<bpmn:userTask id="review"><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements></bpmn:userTask>"""
            + F("g2", "review", "se") + """<bpmn:endEvent id="se" /></bpmn:subProcess>"""
            + """<bpmn:boundaryEvent id="late" attachedToRef="sub"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>"""
            + F("f2", "sub", "done") + """<bpmn:endEvent id="done" />"""
            + F("f3", "late", "chase") + Svc("chase", "chase"))));
        var instance = h.Start("seq");
        h.Engine.CompleteUserTask(h.OpenTask(instance, "review").Key);
        var second = h.OpenTask(instance, "review");

        // Act
        h.Advance(TimeSpan.FromHours(2));

        // Assert: the open task of the second round is canceled, no third round started
        Assert.Equal(["chase"], EngineHarness.Active(instance));
        Assert.Equal(UserTaskState.Canceled, second.State);
        Assert.Equal(2, h.Store.UserTasks.Count(t => t.ProcessInstanceKey == instance.Key));
        Assert.Equal(2, Intents(h, instance, RecordIntent.ElementTerminated, "sub"));
    }

    [Fact]
    public void Canceling_the_caller_terminates_every_instance_a_multi_instance_call_activity_started()
    {
        // Arrange
        var h = new EngineHarness();
        h.DeployXml("call.bpmn", Model(
            Process("caller", """<bpmn:startEvent id="s" />""" + F("f1", "s", "call")
                + """<bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="callee" /></bpmn:extensionElements>""" + Loop("=[1,2]") + "</bpmn:callActivity>"
                + F("f2", "call", "e") + """<bpmn:endEvent id="e" />""")
            + Process("callee", """<bpmn:startEvent id="cs" />""" + F("c1", "cs", "check")
                + """<bpmn:userTask id="check"><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements></bpmn:userTask>"""
                + F("c2", "check", "ce") + """<bpmn:endEvent id="ce" />""")));
        var caller = h.Start("caller");
        var called = h.Store.Instances.Where(i => i.ParentInstanceKey == caller.Key).ToList();
        Assert.Equal(2, called.Count);

        // Act
        h.Engine.CancelInstance(caller.Key);

        // Assert
        Assert.All(called, c => Assert.Equal(LifecycleState.Terminated, c.State));
        Assert.All(h.Store.UserTasks, t => Assert.Equal(UserTaskState.Canceled, t.State));
    }

    [Fact]
    public void A_multi_instance_task_inside_an_ad_hoc_subprocess_is_one_inner_element_whose_collection_the_ad_hoc_collects()
    {
        // Arrange
        var h = new EngineHarness();
        h.DeployXml("tools.bpmn", Model(Process("tools",
            """<bpmn:startEvent id="s" />""" + F("f1", "s", "adhoc")
            + """<bpmn:adHocSubProcess id="adhoc"><bpmn:extensionElements><zeebe:adHoc activeElementsCollection="=[&quot;a&quot;]" outputCollection="outs" outputElement="=res" /></bpmn:extensionElements>"""
            + Svc("a", "a", Loop("=[1,2]", output: """outputCollection="res" outputElement="=r" """)) + "</bpmn:adHocSubProcess>"
            + F("f2", "adhoc", "e") + """<bpmn:endEvent id="e" />""")));
        var instance = h.Start("tools");

        // Act
        foreach (var job in Jobs(h, "a"))
        {
            h.Engine.CompleteJob(job.Key, EngineHarness.Vars($$"""{"r": {{Json(job.Variables["n"])}}}"""));
        }

        // Assert: the ad-hoc subprocess heard of the body once, when it completed
        Assert.Equal(LifecycleState.Completed, instance.State);
        Assert.Equal("[[1,2]]", EngineHarness.Variable(instance, "outs"));
        Assert.Null(EngineHarness.Variable(instance, "res"));
    }

    [Fact]
    public void Each_inner_instance_of_a_multi_instance_ad_hoc_subprocess_completes_only_once_its_own_condition_holds()
    {
        // Arrange
        var h = new EngineHarness();
        h.DeployXml("checks.bpmn", Model(Process("rounds",
            """<bpmn:startEvent id="s" />""" + F("f1", "s", "checks")
            + """<bpmn:adHocSubProcess id="checks"><bpmn:extensionElements><zeebe:adHoc activeElementsCollection="=[&quot;a&quot;]" /></bpmn:extensionElements>"""
            + Loop("=[1,2]") + Svc("a", "a")
            + """<bpmn:completionCondition xsi:type="bpmn:tFormalExpression">=done</bpmn:completionCondition></bpmn:adHocSubProcess>"""
            + F("f2", "checks", "after") + Svc("after", "after"))));
        var instance = h.Start("rounds");
        var jobs = Jobs(h, "a").ToDictionary(j => Json(j.Variables["n"]));

        // Act: the first round's check does not settle it, the second's does
        h.Engine.CompleteJob(jobs["1"].Key, EngineHarness.Vars("""{"done": false}"""));
        h.Engine.CompleteJob(jobs["2"].Key, EngineHarness.Vars("""{"done": true}"""));

        // Assert: the first inner ad-hoc instance waits, empty (MayComplete is its own, not the body's)
        var waiting = Assert.Single(instance.Elements.Values, e => e.Node.Id == "checks" && !e.IsMultiInstanceBody);
        Assert.Equal(["checks", "checks"], EngineHarness.Active(instance));

        // Act: another check in it settles it
        h.Engine.ActivateAdHocElements(waiting.Key, [new AdHocActivation("a")]);
        h.CompleteJob("a", """{"done": true}""");

        // Assert
        Assert.Equal(["after"], EngineHarness.Active(instance));
    }

    [Fact]
    public void Execution_listeners_of_a_multi_instance_task_run_for_each_inner_instance_and_not_for_the_body()
    {
        // Arrange
        var h = new EngineHarness();
        h.DeployXml("listened.bpmn", Model(Process("listened",
            """<bpmn:startEvent id="s" />""" + F("f1", "s", "w")
            + Svc("w", "w", Loop("=[1,2]"), """<zeebe:executionListeners><zeebe:executionListener eventType="start" type="l.start" /><zeebe:executionListener eventType="end" type="l.end" /></zeebe:executionListeners>""")
            + F("f2", "w", "e") + """<bpmn:endEvent id="e" />""")));
        var instance = h.Start("listened");

        // Act
        var starts = Jobs(h, "l.start");
        Assert.Empty(Jobs(h, "w"));
        foreach (var job in starts)
        {
            h.Engine.CompleteJob(job.Key);
        }

        foreach (var job in Jobs(h, "w"))
        {
            h.Engine.CompleteJob(job.Key);
        }

        var ends = Jobs(h, "l.end");
        foreach (var job in ends)
        {
            h.Engine.CompleteJob(job.Key);
        }

        // Assert: one start and one end listener per item, each seeing its item
        Assert.Equal(["1", "2"], starts.Select(j => Json(j.Variables["n"])).Order(StringComparer.Ordinal));
        Assert.Equal(["1", "2"], ends.Select(j => Json(j.Variables["n"])).Order(StringComparer.Ordinal));
        Assert.Equal(LifecycleState.Completed, instance.State);
    }

    [Fact]
    public void Resolving_incidents_runs_the_body_s_activation_and_an_inner_instance_s_completion_again()
    {
        // Arrange: no items yet, and an output mapping that needs the job's result
        var h = new EngineHarness();
        h.DeployXml("retry.bpmn", Model(Process("retry",
            """<bpmn:startEvent id="s" />""" + F("f1", "s", "w")
            + Svc("w", "w", Loop("=items", sequential: true, output: """outputCollection="vals" outputElement="=v" """),
                """<zeebe:ioMapping><zeebe:output source="=r.value" target="v" /></zeebe:ioMapping>""")
            + F("f2", "w", "e") + """<bpmn:endEvent id="e" />""")));
        var instance = h.Start("retry");
        var bodyIncident = Assert.Single(h.Store.Incidents, i => i.State == LifecycleState.Active);

        // Act
        h.Engine.SetVariables(instance.Key, EngineHarness.Vars("""{"items": [1, 2]}"""), local: false);
        h.Engine.ResolveIncident(bodyIncident.Key);
        h.CompleteJob("w");
        var mappingIncident = Assert.Single(h.Store.Incidents, i => i.State == LifecycleState.Active);
        Assert.Equal(IncidentType.IoMappingError, mappingIncident.Type);
        h.Engine.SetVariables(mappingIncident.ElementInstanceKey, EngineHarness.Vars("""{"r": {"value": "a"}}"""), local: true);
        h.Engine.ResolveIncident(mappingIncident.Key);
        h.CompleteJob("w", """{"r": {"value": "b"}}""");

        // Assert
        Assert.Equal(LifecycleState.Completed, instance.State);
        Assert.Equal("""["a","b"]""", EngineHarness.Variable(instance, "vals"));
    }

    [Fact]
    public void An_error_from_an_inner_instance_is_caught_by_the_boundary_event_of_the_multi_instance_body()
    {
        // Arrange
        var h = new EngineHarness();
        h.DeployXml("caught.bpmn", Model(Process("caught",
            """<bpmn:startEvent id="s" />""" + F("f1", "s", "w")
            + Svc("w", "w", Loop("=[1,2]", output: """outputCollection="rs" outputElement="=r" """))
            + """<bpmn:boundaryEvent id="failed" attachedToRef="w"><bpmn:errorEventDefinition errorRef="bad" /></bpmn:boundaryEvent>"""
            + F("f2", "w", "e") + """<bpmn:endEvent id="e" />""" + F("f3", "failed", "fix") + Svc("fix", "fix")),
            """<bpmn:error id="bad" errorCode="BAD" />"""));
        var instance = h.Start("caught");
        var jobs = Jobs(h, "w");

        // Act
        h.Engine.ThrowJobError(jobs[0].Key, "BAD");

        // Assert: the body is terminated with its other round; the boundary's flow is taken in the process
        Assert.Equal(["fix"], EngineHarness.Active(instance));
        Assert.Equal(JobState.Canceled, h.Store.GetJob(jobs[1].Key)!.State);
        Assert.Same(instance.Root, Assert.Single(instance.Elements.Values, e => e.Node.Id == "fix").Scope);
    }

    [Fact]
    public void A_non_interrupting_escalation_from_inner_instances_is_caught_by_the_body_which_runs_on()
    {
        // Arrange
        var h = new EngineHarness();
        h.DeployXml("raised.bpmn", Model(Process("raised",
            """<bpmn:startEvent id="s" />""" + F("f1", "s", "sub")
            + """<bpmn:subProcess id="sub">""" + Loop("=[1,2]") + """<bpmn:startEvent id="ss" />""" + F("g1", "ss", "up")
            + """<bpmn:intermediateThrowEvent id="up"><bpmn:escalationEventDefinition escalationRef="x" /></bpmn:intermediateThrowEvent>"""
            + F("g2", "up", "w") + Svc("w", "w") + F("g3", "w", "se") + """<bpmn:endEvent id="se" /></bpmn:subProcess>"""
            + """<bpmn:boundaryEvent id="raisedUp" attachedToRef="sub" cancelActivity="false"><bpmn:escalationEventDefinition escalationRef="x" /></bpmn:boundaryEvent>"""
            + F("f2", "sub", "after") + Svc("after", "after") + F("f3", "raisedUp", "note") + Svc("note", "note")),
            """<bpmn:escalation id="x" escalationCode="UP" />"""));

        // Act
        var instance = h.Start("raised");

        // Assert: one note per round, in the process; the body still waits for both rounds' work
        Assert.Equal(["note", "note", "sub", "sub", "sub", "w", "w"], EngineHarness.Active(instance));
        Assert.All(instance.Elements.Values.Where(e => e.Node.Id == "note"), e => Assert.Same(instance.Root, e.Scope));
        h.Engine.CompleteJob(Jobs(h, "w")[0].Key);
        Assert.DoesNotContain("after", EngineHarness.Active(instance));
    }

    // ---- event-based gateway ----------------------------------------------------------------

    [Fact]
    public void The_event_that_won_an_event_based_gateway_keeps_its_message_variables_through_its_start_listener()
    {
        // Arrange
        var h = new EngineHarness();
        h.DeployXml("race.bpmn", Model(Process("race",
            """<bpmn:startEvent id="s" />""" + F("f1", "s", "gw") + """<bpmn:eventBasedGateway id="gw" />"""
            + F("f2", "gw", "got") + F("f3", "gw", "wait")
            + """<bpmn:intermediateCatchEvent id="got"><bpmn:extensionElements><zeebe:executionListeners><zeebe:executionListener eventType="start" type="l.start" /></zeebe:executionListeners></bpmn:extensionElements><bpmn:messageEventDefinition messageRef="m" /></bpmn:intermediateCatchEvent>"""
            + """<bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>"""
            + F("f4", "got", "after") + Svc("after", "after") + F("f5", "wait", "e") + """<bpmn:endEvent id="e" />"""),
            """<bpmn:message id="m" name="go"><bpmn:extensionElements><zeebe:subscription correlationKey="=id" /></bpmn:extensionElements></bpmn:message>"""));
        var instance = h.Start("race", """{"id": "k1"}""");

        // Act
        h.Engine.PublishMessage("go", "k1", variables: EngineHarness.Vars("""{"x": 7}"""));
        h.CompleteJob("l.start");

        // Assert
        Assert.Equal(["after"], EngineHarness.Active(instance));
        Assert.Equal("7", EngineHarness.Variable(instance, "x"));
    }

    // ---- sequence flows by source -----------------------------------------------------------

    [Theory]
    [InlineData("transaction", "pay", "transaction subprocess is not supported yet")]
    [InlineData("complex gateway", "cg", "complex gateway is not supported")]
    public void A_refused_element_is_the_one_problem_reported_wherever_its_flows_are_written(string model, string elementId, string message)
    {
        // Arrange: flows inside a refused transaction; a refused gateway in a subprocess whose outgoing flow is written at process level
        var h = new EngineHarness();
        var xml = Model(Process("refused", model == "transaction"
            ? """<bpmn:startEvent id="s" />""" + F("f1", "s", "pay")
                + """<bpmn:transaction id="pay"><bpmn:startEvent id="ts" />""" + F("t1", "ts", "te") + """<bpmn:endEvent id="te" /></bpmn:transaction>"""
                + F("f2", "pay", "e") + """<bpmn:endEvent id="e" />"""
            : """<bpmn:startEvent id="s" />""" + F("f1", "s", "sub")
                + """<bpmn:subProcess id="sub"><bpmn:startEvent id="ss" />""" + F("g1", "ss", "cg") + """<bpmn:complexGateway id="cg" /><bpmn:endEvent id="se" /></bpmn:subProcess>"""
                + F("g2", "cg", "se") + F("f2", "sub", "e") + """<bpmn:endEvent id="e" />"""));

        // Act
        var refused = Assert.Throws<DeploymentException>(() => h.DeployXml("refused.bpmn", xml));

        // Assert: no flow of what was refused is reported on its own
        var problem = Assert.Single(refused.Problems);
        Assert.Equal((elementId, message), (problem.ElementId, problem.Message));
    }

    [Fact]
    public void An_inner_gateway_s_default_and_conditional_flows_written_at_process_level_run_in_its_subprocess()
    {
        // Arrange
        var h = new EngineHarness();
        h.DeployXml("route.bpmn", Model(Process("route",
            """<bpmn:startEvent id="s" />""" + F("f1", "s", "sub")
            + """<bpmn:subProcess id="sub"><bpmn:startEvent id="ss" /><bpmn:exclusiveGateway id="gw" default="toLow" />"""
            + Svc("high", "high") + Svc("low", "low") + """<bpmn:endEvent id="se" /></bpmn:subProcess>"""
            + F("g1", "ss", "gw") + F("toHigh", "gw", "high", "=amount > 100") + F("toLow", "gw", "low")
            + F("g2", "high", "se") + F("g3", "low", "se")
            + F("f2", "sub", "e") + """<bpmn:endEvent id="e" />""")));

        // Act
        var big = h.Start("route", """{"amount": 500}""");
        var small = h.Start("route", """{"amount": 5}""");

        // Assert
        Assert.Equal(["high", "sub"], EngineHarness.Active(big));
        Assert.Equal(["low", "sub"], EngineHarness.Active(small));
        h.CompleteJob("high");
        h.CompleteJob("low");
        Assert.Equal((LifecycleState.Completed, LifecycleState.Completed), (big.State, small.State));
    }

    [Fact]
    public void A_flow_written_inside_a_subprocess_between_two_outer_elements_belongs_to_the_process()
    {
        // Arrange
        var h = new EngineHarness();
        h.DeployXml("outer.bpmn", Model(Process("outer",
            """<bpmn:startEvent id="s" />""" + F("f1", "s", "sub")
            + """<bpmn:subProcess id="sub"><bpmn:startEvent id="ss" />""" + F("g1", "ss", "se") + """<bpmn:endEvent id="se" />"""
            + F("f2", "sub", "after") + "</bpmn:subProcess>"
            + Svc("after", "after") + F("f3", "after", "e") + """<bpmn:endEvent id="e" />""")));
        var instance = h.Start("outer");

        // Act
        h.CompleteJob("after");

        // Assert
        Assert.Equal(LifecycleState.Completed, instance.State);
        Assert.Equal(["ss", "se", "sub", "after", "e"], h.Completed(instance)[1..]);
    }

    // ---- variables of user tasks --------------------------------------------------------------

    private static string ListenedTask(string listeners) => Model(Process("task",
        """<bpmn:startEvent id="s" />""" + F("f1", "s", "review")
        + $"""<bpmn:userTask id="review"><bpmn:extensionElements><zeebe:userTask /><zeebe:taskListeners>{listeners}</zeebe:taskListeners></bpmn:extensionElements></bpmn:userTask>"""
        + F("f2", "review", "e") + """<bpmn:endEvent id="e" />"""));

    [Fact]
    public void Local_variables_on_a_task_in_another_change_are_refused_and_nothing_is_set()
    {
        // Arrange
        var h = new EngineHarness();
        h.DeployXml("task.bpmn", ListenedTask("""<zeebe:taskListener eventType="assigning" type="tl.assign" /><zeebe:taskListener eventType="updating" type="tl.update" />"""));
        var instance = h.Start("task");
        var task = h.OpenTask(instance, "review");
        var element = instance.Elements[task.ElementInstanceKey];
        h.Engine.AssignUserTask(task.Key, "anna");

        // Act
        var refused = Assert.Throws<EngineException>(() => h.Engine.SetVariables(element.Key, EngineHarness.Vars("""{"note": "x"}"""), local: true));
        h.CompleteJob("tl.assign");

        // Assert: the assignment went on untouched; no update started, no variable set
        Assert.Equal(EngineError.InvalidState, refused.Error);
        Assert.Contains("ASSIGNING", refused.Message, StringComparison.Ordinal);
        Assert.Equal((UserTaskState.Created, "anna"), (task.State, task.Assignee));
        Assert.False(element.Variables?.ContainsKey("note") ?? false);
        Assert.Empty(Jobs(h, "tl.update"));
    }

    [Fact]
    public void Local_variables_on_a_job_based_user_task_are_set_at_once()
    {
        // Arrange
        var h = new EngineHarness();
        h.DeployXml("jobtask.bpmn", Model(Process("jobtask",
            """<bpmn:startEvent id="s" />""" + F("f1", "s", "review") + """<bpmn:userTask id="review" />""" + F("f2", "review", "e") + """<bpmn:endEvent id="e" />""")));
        var instance = h.Start("jobtask");
        var element = Assert.Single(instance.Elements.Values, e => e.Node.Id == "review");

        // Act
        var change = h.Engine.SetVariables(element.Key, EngineHarness.Vars("""{"note": "x"}"""), local: true);

        // Assert
        Assert.Null(change);
        Assert.Equal(new FeelString("x"), element.Variables!["note"]);
    }
}
