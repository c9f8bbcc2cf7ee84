using Orchestrator.Engine.Execution;
using Orchestrator.Engine.State;
using Orchestrator.Engine.Tests.Support;
using Orchestrator.Feel.Values;

namespace Orchestrator.Engine.Tests.Elements.AdHocSubProcesses;

/// <summary>Ad-hoc subprocesses as Camunda 8 runs them without a job worker: activeElementsCollection, completion condition, cancelRemainingInstances, output collection, the activation command.</summary>
public class AdHocSubProcessTests
{
    private static EngineHarness Deployed()
    {
        var h = new EngineHarness();
        h.Deploy("Elements/AdHocSubProcesses/adhoc.bpmn");
        return h;
    }

    private static string[] OpenJobTypes(EngineHarness h, ProcessInstance instance) =>
        h.Store.Jobs.Where(j => j.ProcessInstanceKey == instance.Key && j.State is JobState.Activatable or JobState.Activated).Select(j => j.Type).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void The_listed_elements_run_their_flows_and_the_subprocess_completes_when_none_is_left_with_their_outputs_collected()
    {
        // Arrange
        var h = Deployed();
        var instance = h.Start("claim-checks", """{"checks": ["photo", "callCustomer"]}""");
        Assert.Equal(["check.call", "check.photo"], OpenJobTypes(h, instance));

        // Act: the photo check, then the call and the write-up that follows it inside
        h.CompleteJob("check.photo", """{"result": "blurry"}""");
        h.CompleteJob("check.call", """{"result": "reached"}""");
        Assert.Equal(["check.writeUp"], OpenJobTypes(h, instance));
        h.CompleteJob("check.writeUp", """{"result": "written"}""");

        // Assert: one output per flow that ended (the call's flow ended at the write-up); what the jobs wrote stayed inside
        Assert.Equal(LifecycleState.Completed, instance.State);
        Assert.Equal("""["blurry","written"]""", EngineHarness.Variable(instance, "results"));
        Assert.Null(EngineHarness.Variable(instance, "result"));
        Assert.DoesNotContain(h.Store.Jobs, j => j.Type == "check.invoice");
    }

    [Fact]
    public void A_completion_condition_that_holds_completes_it_at_once_and_terminates_what_still_runs()
    {
        // Arrange
        var h = Deployed();
        var instance = h.Start("claim-checks-fraud", """{"checks": ["fPhoto", "fInvoice"]}""");

        // Act
        h.CompleteJob("check.photo", """{"fraud": true}""");

        // Assert
        Assert.Equal(LifecycleState.Completed, instance.State);
        Assert.Equal(JobState.Canceled, Assert.Single(h.Store.Jobs, j => j.Type == "check.invoice").State);
        Assert.Equal("fDone", h.Completed(instance)[^1]);
    }

    [Fact]
    public void With_a_completion_condition_that_never_held_it_waits_after_its_last_element_until_one_activated_later_makes_it_hold()
    {
        // Arrange
        var h = Deployed();
        var instance = h.Start("claim-checks-fraud", """{"checks": ["fPhoto", "fInvoice"]}""");
        var adHoc = Assert.Single(instance.Elements.Values, e => e.Node.Id == "fChecks");

        // Act
        h.CompleteJob("check.photo", """{"fraud": false}""");
        h.CompleteJob("check.invoice");

        // Assert
        Assert.Equal(["fChecks"], EngineHarness.Active(instance));
        h.Engine.ActivateAdHocElements(adHoc.Key, [new AdHocActivation("fCall")]);
        h.CompleteJob("check.call", """{"fraud": true}""");
        Assert.Equal(LifecycleState.Completed, instance.State);
    }

    [Fact]
    public void With_cancelRemainingInstances_false_it_waits_for_what_still_runs_after_the_condition_held()
    {
        // Arrange
        var h = Deployed();
        var instance = h.Start("claim-checks-patient", """{"checks": ["pPhoto", "pInvoice"]}""");

        // Act
        h.CompleteJob("check.photo", """{"fraud": true}""");

        // Assert
        Assert.Equal(["pChecks", "pInvoice"], EngineHarness.Active(instance));
        h.CompleteJob("check.invoice");
        Assert.Equal(LifecycleState.Completed, instance.State);
    }

    [Fact]
    public void With_nothing_listed_it_waits_until_elements_are_activated_by_command_each_with_its_own_variables()
    {
        // Arrange
        var h = Deployed();
        var instance = h.Start("claim-checks", """{"checks": []}""");
        var adHoc = Assert.Single(instance.Elements.Values, e => e.Node.Id == "checks");
        Assert.Empty(OpenJobTypes(h, instance));

        // Act
        h.Engine.ActivateAdHocElements(adHoc.Key, [new AdHocActivation("invoice", EngineHarness.Vars("""{"invoiceNo": "INV-7"}"""))]);

        // Assert
        var job = Assert.Single(h.Engine.ActivateJobs("check.invoice", "w", TimeSpan.FromMinutes(1), 1));
        Assert.Equal(new FeelString("INV-7"), job.Variables["invoiceNo"]);
        h.Engine.CompleteJob(job.Key, EngineHarness.Vars("""{"result": "paid"}"""));
        Assert.Equal(LifecycleState.Completed, instance.State);
        Assert.Equal("""["paid"]""", EngineHarness.Variable(instance, "results"));
    }

    [Fact]
    public void Activating_by_command_refuses_what_the_subprocess_cannot_activate_and_can_cancel_what_runs()
    {
        // Arrange
        var h = Deployed();
        var instance = h.Start("claim-checks", """{"checks": ["photo"]}""");
        var adHoc = Assert.Single(instance.Elements.Values, e => e.Node.Id == "checks");

        // Act
        var unknown = Assert.Throws<EngineException>(() => h.Engine.ActivateAdHocElements(adHoc.Key, [new AdHocActivation("nope")]));
        var inner = Assert.Throws<EngineException>(() => h.Engine.ActivateAdHocElements(adHoc.Key, [new AdHocActivation("writeUp")]));
        var notAdHoc = Assert.Throws<EngineException>(() => h.Engine.ActivateAdHocElements(instance.Key, [new AdHocActivation("photo")]));
        h.Engine.ActivateAdHocElements(adHoc.Key, [new AdHocActivation("invoice")], cancelRemainingInstances: true);

        // Assert: an element with incoming flows is reached by its flow, not activated; the photo check was cancelled
        Assert.Equal(EngineError.InvalidArgument, unknown.Error);
        Assert.Contains("'nope'", unknown.Message.Replace("\"", "'", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(EngineError.InvalidArgument, inner.Error);
        Assert.Equal(EngineError.NotFound, notAdHoc.Error);
        Assert.Equal(["check.invoice"], OpenJobTypes(h, instance));
    }

    [Fact]
    public void A_collection_that_names_something_else_is_an_incident_resolved_by_fixing_the_variable()
    {
        // Arrange
        var h = Deployed();
        var instance = h.Start("claim-checks", """{"checks": ["photo", "x-ray"]}""");
        var incident = Assert.Single(h.Store.Incidents, i => i.State == LifecycleState.Active);
        Assert.Contains("x-ray", incident.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("photo, invoice, callCustomer", incident.ErrorMessage, StringComparison.Ordinal);

        // Act
        h.Engine.SetVariables(instance.Key, EngineHarness.Vars("""{"checks": ["invoice"]}"""), local: false);
        h.Engine.ResolveIncident(incident.Key);

        // Assert
        Assert.Equal(["check.invoice"], OpenJobTypes(h, instance));
    }

    [Fact]
    public void Cancelling_the_instance_terminates_what_runs_inside()
    {
        // Arrange
        var h = Deployed();
        var instance = h.Start("claim-checks", """{"checks": ["photo", "invoice"]}""");

        // Act
        h.Engine.CancelInstance(instance.Key);

        // Assert
        Assert.Equal(LifecycleState.Terminated, instance.State);
        Assert.Empty(OpenJobTypes(h, instance));
        Assert.All(h.Store.Jobs, j => Assert.Equal(JobState.Canceled, j.State));
    }

    [Fact]
    public void A_job_worker_chooses_the_elements_turn_by_turn_gets_each_flow_s_output_and_ends_it()
    {
        // Arrange
        var h = Deployed();
        var instance = h.Start("agent");

        // Act: the worker's first turn sees what it may activate, and activates a lookup
        var turn = Assert.Single(h.Engine.ActivateJobs("agent.think", "agent", TimeSpan.FromMinutes(1), 1));
        var elements = Assert.IsType<FeelList>(turn.Variables["adHocSubProcessElements"]);
        h.Engine.CompleteJob(turn.Key, EngineHarness.Vars("""{"memory": "asked about O-1"}"""),
            new AdHocJobResult([new AdHocActivation("lookupOrder", EngineHarness.Vars("""{"toolName": "lookup", "toolCall": {"orderId": "O-1", "items": 2}}"""))], false, false));
        var lookup = Assert.Single(h.Engine.ActivateJobs("tool.lookup", "w", TimeSpan.FromMinutes(1), 1));
        h.Engine.CompleteJob(lookup.Key, EngineHarness.Vars("""{"toolResult": "delivered"}"""));

        // Assert: a new turn with the tool's answer and what the worker kept
        var second = Assert.Single(h.Engine.ActivateJobs("agent.think", "agent", TimeSpan.FromMinutes(1), 1));
        Assert.Equal("""[{"tool":"lookup","content":"delivered"}]""", Orchestrator.Feel.Json.FeelJson.ToJsonString(second.Variables["toolCallResults"]));
        Assert.Equal(new FeelString("asked about O-1"), second.Variables["memory"]);
        Assert.Equal(new FeelString("O-1"), lookup.Variables["orderId"]);
        Assert.Equal("2", Orchestrator.Feel.Json.FeelJson.ToJsonString(lookup.Variables["items"]));
        Assert.Equal(2, elements.Count);
        Assert.Equal("""{"elementId":"lookupOrder","elementName":"Look up the order","documentation":"Finds an order by its id","properties":{"category":"orders"},"parameters":[{"name":"orderId","description":"The order's id, e.g. O-1","type":"string"},{"name":"items","description":"How many items","type":"number"}]}""",
            Orchestrator.Feel.Json.FeelJson.ToJsonString(elements.Items[0]));

        // Act: the worker is done
        h.Engine.CompleteJob(second.Key, null, new AdHocJobResult([], true, true));

        // Assert: the collected answers leave the subprocess; what the worker kept does not
        Assert.Equal(LifecycleState.Completed, instance.State);
        Assert.Equal("""[{"tool":"lookup","content":"delivered"}]""", EngineHarness.Variable(instance, "toolCallResults"));
        Assert.Null(EngineHarness.Variable(instance, "memory"));
    }

    [Fact]
    public void A_worker_s_turn_is_replaced_when_another_flow_ends_first_and_a_result_that_both_activates_and_ends_is_refused()
    {
        // Arrange: two tools at once
        var h = Deployed();
        var instance = h.Start("agent");
        var first = Assert.Single(h.Engine.ActivateJobs("agent.think", "agent", TimeSpan.FromMinutes(1), 1));
        h.Engine.CompleteJob(first.Key, null, new AdHocJobResult(
            [new AdHocActivation("lookupOrder", EngineHarness.Vars("""{"toolName": "lookup", "toolCall": {"orderId": "O-2", "items": 1}}""")),
             new AdHocActivation("refund", EngineHarness.Vars("""{"toolName": "refund"}"""))], false, false));
        h.CompleteJob("tool.lookup", """{"toolResult": "found"}""");
        var stale = Assert.Single(h.Engine.ActivateJobs("agent.think", "agent", TimeSpan.FromMinutes(1), 1));

        // Act: the other tool ends while the worker thinks
        h.CompleteJob("tool.refund", """{"toolResult": "refunded"}""");

        // Assert: its turn was cancelled for a new one that sees both answers; a result that does both is refused
        Assert.Throws<EngineException>(() => h.Engine.CompleteJob(stale.Key, null, new AdHocJobResult([], true, true)));
        var current = Assert.Single(h.Engine.ActivateJobs("agent.think", "agent", TimeSpan.FromMinutes(1), 1));
        Assert.Equal(2, Assert.IsType<FeelList>(current.Variables["toolCallResults"]).Count);
        var both = Assert.Throws<EngineException>(() => h.Engine.CompleteJob(current.Key, null, new AdHocJobResult([new AdHocActivation("refund")], true, false)));
        Assert.Equal(EngineError.InvalidArgument, both.Error);
        var unknown = Assert.Throws<EngineException>(() => h.Engine.CompleteJob(current.Key, null, new AdHocJobResult([new AdHocActivation("shout")], false, false)));
        Assert.Contains("shout", unknown.Message, StringComparison.Ordinal);
        h.Engine.CompleteJob(current.Key, null, new AdHocJobResult([], true, false));
        Assert.Equal(LifecycleState.Completed, instance.State);
    }

    private const string Timer = """<bpmn:subProcess id="esp" triggeredByEvent="true"><bpmn:startEvent id="es"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:startEvent><bpmn:sequenceFlow id="y" sourceRef="es" targetRef="ee" /><bpmn:endEvent id="ee" /></bpmn:subProcess>""";

    private static string Task(string id, string extra = "") =>
        $"""<bpmn:serviceTask id="{id}" {extra}><bpmn:extensionElements><zeebe:taskDefinition type="{id}" /></bpmn:extensionElements></bpmn:serviceTask>""";

    /// <summary>A process: start → ad-hoc subprocess (<paramref name="extensions"/>, <paramref name="inside"/>) → task <c>after</c> (then <paramref name="after"/>).</summary>
    private static (EngineHarness H, ProcessInstance Instance) Around(string extensions, string inside, string? variables = null, string after = "")
    {
        var h = new EngineHarness();
        h.DeployXml("p.bpmn", $"""
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="d">
              <bpmn:process id="p" isExecutable="true">
                <bpmn:startEvent id="s" />
                <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="adhoc" />
                <bpmn:adHocSubProcess id="adhoc"><bpmn:extensionElements>{extensions}</bpmn:extensionElements>{inside}</bpmn:adHocSubProcess>
                <bpmn:sequenceFlow id="f2" sourceRef="adhoc" targetRef="after" />
                {Task("after")}
                {after}
              </bpmn:process>
            </bpmn:definitions>
            """);
        return (h, h.Start("p", variables));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_interrupting_event_subprocess_inside_ends_what_runs_and_completes_it_without_asking_the_worker(bool worker)
    {
        // Arrange: a condition that never holds, or a worker that activated a task
        var (h, instance) = worker
            ? Around("""<zeebe:taskDefinition type="agent" />""", Task("a") + Timer)
            : Around("""<zeebe:adHoc activeElementsCollection="=[&quot;a&quot;]" />""", Task("a") + Timer + """<bpmn:completionCondition xsi:type="bpmn:tFormalExpression">=false</bpmn:completionCondition>""");
        if (worker)
        {
            var turn = Assert.Single(h.Engine.ActivateJobs("agent", "w", TimeSpan.FromMinutes(1), 1));
            h.Engine.CompleteJob(turn.Key, null, new AdHocJobResult([new AdHocActivation("a")], false, false));
        }

        // Act
        h.Advance(TimeSpan.FromHours(2));

        // Assert
        Assert.Equal(["after"], EngineHarness.Active(instance));
        Assert.Equal(["after"], OpenJobTypes(h, instance));
    }

    [Fact]
    public void A_multi_instance_ad_hoc_subprocess_hands_each_run_s_outputs_on()
    {
        // Arrange
        var (h, instance) = Around(
            """<zeebe:adHoc activeElementsCollection="=[&quot;a&quot;]" outputCollection="results" outputElement="=result" /><zeebe:ioMapping><zeebe:output source="=results" target="copied" /></zeebe:ioMapping>""",
            """<bpmn:multiInstanceLoopCharacteristics isSequential="true"><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=[1,2]" inputElement="item" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>""" + Task("a"));

        // Act
        h.CompleteJob("a", """{"result": "r1"}""");
        h.CompleteJob("a", """{"result": "r2"}""");

        // Assert: the last run's outputs reach the process
        Assert.Equal(["after"], EngineHarness.Active(instance));
        Assert.Equal("""["r2"]""", EngineHarness.Variable(instance, "copied"));
    }

    [Fact]
    public void Compensation_after_an_ad_hoc_subprocess_undoes_what_completed_inside_it()
    {
        // Arrange
        var (h, instance) = Around("""<zeebe:adHoc activeElementsCollection="=[&quot;a&quot;]" />""",
            Task("a") + Task("undoA", "isForCompensation=\"true\"")
            + """<bpmn:boundaryEvent id="ca" attachedToRef="a"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent><bpmn:association id="as" sourceRef="ca" targetRef="undoA" />""",
            after: """<bpmn:sequenceFlow id="z" sourceRef="after" targetRef="undo" /><bpmn:intermediateThrowEvent id="undo"><bpmn:compensateEventDefinition /></bpmn:intermediateThrowEvent>""");

        // Act
        h.CompleteJob("a");
        h.CompleteJob("after");

        // Assert
        Assert.Equal(["undo", "undoA"], EngineHarness.Active(instance));
        Assert.Equal(["undoA"], OpenJobTypes(h, instance));
    }

    [Fact]
    public void A_worker_turn_out_of_retries_is_replaced_with_its_incident_when_another_flow_ends()
    {
        // Arrange: two tools; after the first, the worker's turn fails for good
        var (h, instance) = Around("""<zeebe:taskDefinition type="agent" />""", Task("a") + Task("b"));
        var first = Assert.Single(h.Engine.ActivateJobs("agent", "w", TimeSpan.FromMinutes(1), 1));
        h.Engine.CompleteJob(first.Key, null, new AdHocJobResult([new AdHocActivation("a"), new AdHocActivation("b")], false, false));
        h.CompleteJob("a");
        var turn = Assert.Single(h.Engine.ActivateJobs("agent", "w", TimeSpan.FromMinutes(1), 1));
        h.Engine.FailJob(turn.Key, 0, "the model is down");
        Assert.Single(h.Store.Incidents, i => i.State == LifecycleState.Active);

        // Act
        h.CompleteJob("b");

        // Assert: a new turn, and no incident left pointing at the cancelled one
        Assert.DoesNotContain(h.Store.Incidents, i => i.State == LifecycleState.Active);
        Assert.Equal(["agent"], OpenJobTypes(h, instance).Where(t => t == "agent").ToArray());
        Assert.Equal(JobState.Canceled, h.Store.Jobs.Single(j => j.Key == turn.Key).State);
    }

    [Theory]
    [InlineData("""<bpmn:startEvent id="inner" /><bpmn:serviceTask id="a"><bpmn:extensionElements><zeebe:taskDefinition type="a" /></bpmn:extensionElements></bpmn:serviceTask>""",
        "an ad-hoc subprocess has no start or end events")]
    [InlineData("""<bpmn:intermediateThrowEvent id="only" />""", "an ad-hoc subprocess needs at least one activity")]
    [InlineData("""<bpmn:extensionElements><zeebe:adHoc outputCollection="results" /></bpmn:extensionElements><bpmn:serviceTask id="a"><bpmn:extensionElements><zeebe:taskDefinition type="a" /></bpmn:extensionElements></bpmn:serviceTask>""",
        "an ad-hoc subprocess's outputCollection and outputElement go together")]
    public void A_malformed_ad_hoc_subprocess_is_refused_naming_it(string inside, string message)
    {
        // Arrange
        var xml = $"""
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d">
              <bpmn:process id="p" isExecutable="true">
                <bpmn:startEvent id="s" />
                <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="adhoc" />
                <bpmn:adHocSubProcess id="adhoc">{inside}</bpmn:adHocSubProcess>
              </bpmn:process>
            </bpmn:definitions>
            """;

        // Act
        var problems = Assert.Throws<DeploymentException>(() => new EngineHarness().DeployXml("p.bpmn", xml)).Problems;

        // Assert
        var problem = Assert.Single(problems);
        Assert.Equal("adhoc", problem.ElementId);
        Assert.StartsWith(message, problem.Message, StringComparison.Ordinal);
    }
}
