using Orchestrator.Engine.Tests.Support;
using Orchestrator.Engine.Tracking;
using Orchestrator.Feel.Values;

namespace Orchestrator.Engine.Tests.Tracking;

/// <summary>A process declares what its customers see (tracking.* properties); the engine gives each case a token.</summary>
public sealed class CaseTrackingTests
{
    private const string Tracked = """
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="x">
          <bpmn:process id="tracked" isExecutable="true">
            <bpmn:extensionElements><zeebe:properties>
              <zeebe:property name="tracking.caseType" value="return" />
              <zeebe:property name="tracking.title" value="Your return" />
              <zeebe:property name="tracking.title.de" value="Ihre Rücksendung" />
              <zeebe:property name="tracking.reference" value="=orderId" />
            </zeebe:properties></bpmn:extensionElements>
            <bpmn:endEvent id="done"><bpmn:extensionElements><zeebe:properties>
              <zeebe:property name="tracking.step" value="done" /><zeebe:property name="tracking.label" value="Done" />
            </zeebe:properties></bpmn:extensionElements></bpmn:endEvent>
            <bpmn:startEvent id="start"><bpmn:extensionElements><zeebe:properties>
              <zeebe:property name="tracking.step" value="requested" />
              <zeebe:property name="tracking.label" value="Requested" /><zeebe:property name="tracking.label.zh-CN" value="已提交" />
            </zeebe:properties></bpmn:extensionElements></bpmn:startEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
            <bpmn:userTask id="review"><bpmn:extensionElements><zeebe:userTask /><zeebe:properties>
              <zeebe:property name="tracking.step" value="review" /><zeebe:property name="tracking.label" value="Checked by our team" />
              <zeebe:property name="tracking.label.de" value="Prüfung" />
            </zeebe:properties></bpmn:extensionElements></bpmn:userTask>
            <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="gw" />
            <bpmn:exclusiveGateway id="gw" default="f3" />
            <bpmn:sequenceFlow id="f3" sourceRef="gw" targetRef="ship" />
            <bpmn:sequenceFlow id="f4" sourceRef="gw" targetRef="rejected"><bpmn:conditionExpression>=approved = false</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:endEvent id="rejected"><bpmn:extensionElements><zeebe:properties>
              <zeebe:property name="tracking.step" value="rejected" /><zeebe:property name="tracking.label" value="Rejected" />
              <zeebe:property name="tracking.when" value="=false" />
            </zeebe:properties></bpmn:extensionElements></bpmn:endEvent>
            <bpmn:userTask id="ship"><bpmn:extensionElements><zeebe:userTask /><zeebe:properties>
              <zeebe:property name="tracking.step" value="exchange" /><zeebe:property name="tracking.label" value="Replacement shipped" />
              <zeebe:property name="tracking.when" value="=kind = &quot;exchange&quot;" />
            </zeebe:properties></bpmn:extensionElements></bpmn:userTask>
            <bpmn:sequenceFlow id="f5" sourceRef="ship" targetRef="done" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public void Steps_are_ordered_by_where_they_come_in_the_flow_then_as_written()
    {
        var h = new EngineHarness();
        h.DeployXml("tracked.bpmn", Tracked);

        var tracking = h.Engine.Store.Definitions.GetLatest("tracked")!.Model.Tracking!;

        Assert.Equal("return", tracking.CaseType);
        Assert.Equal(["requested", "review", "rejected", "exchange", "done"], tracking.Steps.Select(s => s.Key));
        Assert.Equal("Ihre Rücksendung", tracking.Title.In("de-AT"));
        Assert.Equal("Your return", tracking.Title.In("th"));
        Assert.Equal("已提交", tracking.Steps[0].Label.In("zh-CN"));
        Assert.Equal("Requested", tracking.Steps[0].Label.In("zh-TW"));
    }

    [Fact]
    public void A_tracked_case_gets_its_own_unguessable_token_whatever_the_caller_passed()
    {
        var h = new EngineHarness();
        h.DeployXml("tracked.bpmn", Tracked);

        var first = h.Start("tracked", """{"orderId": "A-1", "trackingToken": "chosen-by-caller"}""");
        var second = h.Start("tracked", """{"orderId": "A-2"}""");

        var token1 = ((FeelString)first.Root!.Variables![TrackingToken.VariableName]).Value;
        var token2 = ((FeelString)second.Root!.Variables![TrackingToken.VariableName]).Value;
        Assert.True(TrackingToken.IsWellFormed(token1));
        Assert.True(TrackingToken.IsWellFormed(token2));
        Assert.NotEqual(token1, token2);
        Assert.NotEqual("chosen-by-caller", token1);
        Assert.DoesNotContain(first.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), token1, StringComparison.Ordinal);
    }

    [Fact]
    public void A_process_without_tracking_gets_no_token()
    {
        var h = new EngineHarness();
        h.DeployXml("plain.bpmn", """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x">
              <bpmn:process id="plain" isExecutable="true"><bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="t" /><bpmn:userTask id="t" /></bpmn:process>
            </bpmn:definitions>
            """);

        var instance = h.Start("plain");

        Assert.Null(EngineHarness.Variable(instance, TrackingToken.VariableName));
        Assert.Null(h.Engine.Store.Definitions.GetLatest("plain")!.Model.Tracking);
    }

    [Fact]
    public void Progress_shows_passed_steps_the_current_one_and_those_still_reachable_whose_condition_holds()
    {
        var h = new EngineHarness();
        h.DeployXml("tracked.bpmn", Tracked);
        var model = h.Engine.Store.Definitions.GetLatest("tracked")!.Model;
        var t0 = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
        var refund = new FeelContext([KeyValuePair.Create<string, FeelValue>("kind", new FeelString("refund"))]);
        var exchange = new FeelContext([KeyValuePair.Create<string, FeelValue>("kind", new FeelString("exchange"))]);
        ElementSnapshot[] inReview =
        [
            new(1, "start", "COMPLETED", t0, t0),
            new(2, "review", "ACTIVE", t0.AddMinutes(1), null),
        ];

        var forRefund = CaseProgress.Of(model, inReview, ended: false, "de", refund);
        var forExchange = CaseProgress.Of(model, inReview, ended: false, "en", exchange);

        Assert.Equal(
            [("requested", "Requested", StepState.Done, (DateTimeOffset?)t0), ("review", "Prüfung", StepState.Current, t0.AddMinutes(1)), ("done", "Done", StepState.Pending, null)],
            forRefund.Select(s => (s.Key, s.Label, s.State, s.At)));
        Assert.Equal(["requested", "review", "exchange", "done"], forExchange.Select(s => s.Key));
    }

    [Fact]
    public void An_ended_case_shows_only_what_it_passed_and_an_interrupted_step_does_not_count()
    {
        var h = new EngineHarness();
        h.DeployXml("tracked.bpmn", Tracked);
        var model = h.Engine.Store.Definitions.GetLatest("tracked")!.Model;
        var t0 = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
        ElementSnapshot[] elements =
        [
            new(1, "start", "COMPLETED", t0, t0),
            new(2, "review", "COMPLETED", t0.AddMinutes(1), t0.AddHours(2)),
            new(3, "ship", "TERMINATED", t0.AddHours(2), t0.AddHours(3)),
            new(4, "rejected", "COMPLETED", t0.AddHours(3), t0.AddHours(3)),
        ];

        var steps = CaseProgress.Of(model, elements, ended: true, null, FeelContext.Empty);

        Assert.Equal(["requested", "review", "rejected"], steps.Select(s => s.Key));
        Assert.All(steps, s => Assert.Equal(StepState.Done, s.State));
    }

    [Fact]
    public void A_called_process_neither_takes_nor_replaces_its_caller_s_tracking_link()
    {
        var h = new EngineHarness();
        h.DeployXml("called.bpmn", """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="x">
              <bpmn:process id="caller" isExecutable="true">
                <bpmn:extensionElements><zeebe:properties><zeebe:property name="tracking.caseType" value="return" /></zeebe:properties></bpmn:extensionElements>
                <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="callTracked" />
                <bpmn:callActivity id="callTracked"><bpmn:extensionElements><zeebe:calledElement processId="tracked-child" /></bpmn:extensionElements></bpmn:callActivity>
                <bpmn:sequenceFlow id="f2" sourceRef="callTracked" targetRef="callPlain" />
                <bpmn:callActivity id="callPlain"><bpmn:extensionElements><zeebe:calledElement processId="plain-child" /></bpmn:extensionElements></bpmn:callActivity>
                <bpmn:sequenceFlow id="f3" sourceRef="callPlain" targetRef="wait" />
                <bpmn:userTask id="wait" />
              </bpmn:process>
              <bpmn:process id="tracked-child" isExecutable="true">
                <bpmn:extensionElements><zeebe:properties><zeebe:property name="tracking.caseType" value="repair" /></zeebe:properties></bpmn:extensionElements>
                <bpmn:startEvent id="ts" /><bpmn:sequenceFlow id="t1" sourceRef="ts" targetRef="tw" />
                <bpmn:serviceTask id="tw"><bpmn:extensionElements><zeebe:taskDefinition type="child-work" /></bpmn:extensionElements></bpmn:serviceTask>
              </bpmn:process>
              <bpmn:process id="plain-child" isExecutable="true">
                <bpmn:startEvent id="ps" /><bpmn:sequenceFlow id="p1" sourceRef="ps" targetRef="pw" />
                <bpmn:serviceTask id="pw"><bpmn:extensionElements><zeebe:taskDefinition type="plain-work" /></bpmn:extensionElements></bpmn:serviceTask>
              </bpmn:process>
            </bpmn:definitions>
            """);
        var caller = h.Start("caller");
        var token = EngineHarness.Variable(caller, TrackingToken.VariableName);

        var trackedChild = h.Store.Instances.Single(i => i.Definition.BpmnProcessId == "tracked-child");
        var childToken = EngineHarness.Variable(trackedChild, TrackingToken.VariableName);
        h.CompleteJob("child-work");
        var plainChild = h.Store.Instances.Single(i => i.Definition.BpmnProcessId == "plain-child");

        Assert.NotNull(token);
        Assert.NotNull(childToken);
        Assert.NotEqual(token, childToken);
        Assert.Null(EngineHarness.Variable(plainChild, TrackingToken.VariableName));
        h.CompleteJob("plain-work");
        Assert.Equal(["wait"], EngineHarness.Active(caller));
        Assert.Equal(token, EngineHarness.Variable(caller, TrackingToken.VariableName));
    }

    [Fact]
    public void Steps_passed_at_the_same_moment_keep_the_order_the_case_reached_them_in_whatever_order_the_elements_come_in()
    {
        var h = new EngineHarness();
        h.DeployXml("tracked.bpmn", Tracked);
        var model = h.Engine.Store.Definitions.GetLatest("tracked")!.Model;
        var t0 = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
        ElementSnapshot[] elements =
        [
            new(4, "done", "COMPLETED", t0.AddHours(1), t0.AddHours(1)),
            new(3, "ship", "COMPLETED", t0.AddMinutes(5), t0.AddHours(1)),
            new(2, "review", "COMPLETED", t0, t0.AddMinutes(5)),
            new(1, "start", "COMPLETED", t0, t0),
        ];

        var steps = CaseProgress.Of(model, elements, ended: true, null, FeelContext.Empty);

        Assert.Equal(["requested", "review", "exchange", "done"], steps.Select(s => s.Key));
    }

    [Theory]
    [InlineData("""<zeebe:property name="tracking.step" value="x" /><zeebe:property name="tracking.label" value="X" />""", "", "t",
        "tracking.step: the element is a customer-visible step but process 'p' declares no tracking.caseType")]
    [InlineData("""<zeebe:property name="tracking.step" value="x" />""", "return", "t",
        "tracking.label: step 'x' has no label (give tracking.label on one of its elements)")]
    [InlineData("""<zeebe:property name="tracking.step" value="no spaces" /><zeebe:property name="tracking.label" value="X" />""", "return", "t",
        "tracking.step: 'no spaces' is not a step key (letters, digits, '-', '_' and '.', at most 64, starting with a letter or digit)")]
    [InlineData("""<zeebe:property name="tracking.step" value="x" /><zeebe:property name="tracking.label" value="X" /><zeebe:property name="tracking.label.english!" value="X" />""", "return", "t",
        "tracking.label.english!: 'english!' is not a language tag (e.g. en, zh-CN)")]
    [InlineData("""<zeebe:property name="tracking.step" value="x" /><zeebe:property name="tracking.label.de" value="A" /><zeebe:property name="tracking.label.DE" value="B" />""", "return", "t",
        "tracking.label: the language 'DE' is given twice (property names differ only in case)")]
    [InlineData("""<zeebe:property name="tracking.step" value="x" /><zeebe:property name="tracking.label" value="X" /><zeebe:property name="tracking.when" value="kind = 1" />""", "return", "t",
        "tracking.when: 'kind = 1' is not a FEEL expression (write it with a leading '=')")]
    public void A_wrong_declaration_is_refused_at_deployment_naming_the_element(string properties, string caseType, string elementId, string message)
    {
        var h = new EngineHarness();
        var process = caseType.Length == 0 ? "" : $"""<bpmn:extensionElements><zeebe:properties><zeebe:property name="tracking.caseType" value="{caseType}" /></zeebe:properties></bpmn:extensionElements>""";
        var xml = $"""
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="x">
              <bpmn:process id="p" isExecutable="true">{process}
                <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="t" />
                <bpmn:userTask id="t"><bpmn:extensionElements><zeebe:properties>{properties}</zeebe:properties></bpmn:extensionElements></bpmn:userTask>
              </bpmn:process>
            </bpmn:definitions>
            """;

        var refused = Assert.Throws<DeploymentException>(() => h.DeployXml("p.bpmn", xml));

        var problem = Assert.Single(refused.Problems);
        Assert.Equal((elementId, message), (problem.ElementId, problem.Message));
        Assert.True(problem.Line > 1);
    }

    [Fact]
    public void A_process_expression_that_does_not_parse_is_refused()
    {
        var h = new EngineHarness();
        var refused = Assert.Throws<DeploymentException>(() => h.DeployXml("p.bpmn", """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="x">
              <bpmn:process id="p" isExecutable="true">
                <bpmn:extensionElements><zeebe:properties><zeebe:property name="tracking.caseType" value="return" /><zeebe:property name="tracking.eta" value="=due +" /></zeebe:properties></bpmn:extensionElements>
                <bpmn:startEvent id="s" />
              </bpmn:process>
            </bpmn:definitions>
            """));

        var problem = Assert.Single(refused.Problems);
        Assert.Equal("p", problem.ElementId);
        Assert.StartsWith("tracking.eta: invalid FEEL expression 'due +'", problem.Message, StringComparison.Ordinal);
    }
}
