using Orchestrator.Engine.Execution;
using Orchestrator.Engine.State;
using Orchestrator.Engine.Tests.Support;
using Orchestrator.Feel.Json;

namespace Orchestrator.Engine.Tests.Elements.BusinessRuleTasks;

/// <summary>Business rule tasks that call a deployed DMN decision (zeebe:calledDecision), as Zeebe runs them.</summary>
public sealed class BusinessRuleTaskTests
{
    private const string Folder = "Elements/BusinessRuleTasks/";

    [Theory]
    [InlineData(50, "silver", "instant", "instant-small")]
    [InlineData(200, "gold", "instant", "instant-gold")]
    [InlineData(200, "silver", "review", "review-rest")]
    public void Decides_with_the_variables_it_sees_into_its_result_variable(int orderValue, string tier, string route, string rule)
    {
        var harness = new EngineHarness();
        harness.Deploy(Folder + "refund-route.dmn", Folder + "refund.bpmn");

        var instance = harness.Start("refund", $$"""{"orderValue": {{orderValue}}, "tier": "{{tier}}"}""");

        Assert.Equal($"\"{route}\"", EngineHarness.Variable(instance, "route"));
        Assert.Equal(["wait"], EngineHarness.Active(instance));
        var evaluation = Assert.Single(harness.Store.DecisionEvaluations);
        Assert.Equal(instance.Key, evaluation.ProcessInstanceKey);
        Assert.Equal("decide", evaluation.ElementId);
        Assert.Equal("refund-route", evaluation.Decision.DecisionId);
        var decided = Assert.Single(evaluation.Result!.Decisions);
        Assert.Equal(rule, Assert.Single(decided.MatchedRules).Id);
        Assert.Equal(["Order value", "Customer tier"], decided.Inputs.Select(i => i.Label));
        Assert.Equal($"{orderValue}", FeelJson.ToJsonString(decided.Inputs[0].Value));
    }

    [Fact]
    public void A_failed_evaluation_is_an_incident_naming_decision_and_rule_and_resolving_it_evaluates_again()
    {
        var harness = new EngineHarness();
        harness.Deploy(Folder + "refund-route.dmn", Folder + "refund.bpmn");

        var instance = harness.Start("refund", """{"orderValue": 450, "tier": "gold"}""");

        var incident = Assert.Single(harness.Store.Incidents);
        Assert.Equal(IncidentType.DecisionEvaluationError, incident.Type);
        Assert.Equal("decide", incident.ElementId);
        Assert.Contains("'refund-route'", incident.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("instant-gold", incident.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("review-large-gold", incident.ErrorMessage, StringComparison.Ordinal);
        var failed = Assert.Single(harness.Store.DecisionEvaluations);
        Assert.Null(failed.Result);
        Assert.Equal("refund-route", failed.FailedDecisionId);
        Assert.Equal(["decide"], EngineHarness.Active(instance));

        // The process owner fixes the table; the latest version is evaluated when the incident is resolved.
        harness.Deploy(Folder + "refund-route-v2.dmn");
        harness.Engine.ResolveIncident(incident.Key);

        Assert.Equal("\"instant\"", EngineHarness.Variable(instance, "route"));
        Assert.Equal(["wait"], EngineHarness.Active(instance));
        Assert.Equal(2, harness.Store.DecisionEvaluations[^1].Decision.Version);
    }

    [Fact]
    public void A_decision_that_is_not_deployed_is_an_incident_until_it_is()
    {
        var harness = new EngineHarness();
        harness.Deploy(Folder + "refund.bpmn");

        var instance = harness.Start("refund", """{"orderValue": 50, "tier": "silver"}""");

        var incident = Assert.Single(harness.Store.Incidents);
        Assert.Equal(IncidentType.CalledDecisionError, incident.Type);
        Assert.Equal("Expected to evaluate decision 'refund-route', but no decision found for id 'refund-route'", incident.ErrorMessage);

        harness.Deploy(Folder + "refund-route.dmn");
        harness.Engine.ResolveIncident(incident.Key);

        Assert.Equal("\"instant\"", EngineHarness.Variable(instance, "route"));
    }

    [Fact]
    public void Binding_types_choose_the_latest_the_deployed_with_the_process_or_the_tagged_version()
    {
        var harness = new EngineHarness();
        harness.Deploy(Folder + "refund-route.dmn", Folder + "refund-pinned.bpmn", Folder + "refund-tagged.bpmn", Folder + "refund.bpmn");
        harness.Deploy(Folder + "refund-route-v2.dmn");

        const string Variables = """{"orderValue": 700, "tier": "silver"}""";
        Assert.Equal("\"instant\"", EngineHarness.Variable(harness.Start("refund", Variables), "route"));
        Assert.Equal("\"review\"", EngineHarness.Variable(harness.Start("refund-pinned", Variables), "route"));
        Assert.Equal("\"review\"", EngineHarness.Variable(harness.Start("refund-tagged", Variables), "route"));
        Assert.Equal([2, 1, 1], harness.Store.DecisionEvaluations.Select(e => e.Decision.Version));
    }

    [Fact]
    public void The_decision_id_may_be_an_expression_and_output_mappings_take_the_result_from_the_task()
    {
        var harness = new EngineHarness();
        harness.Deploy(Folder + "refund-route.dmn", Folder + "refund-mapped.bpmn");

        var instance = harness.Start("refund-mapped", """{"orderValue": 20, "tier": "silver", "decisionName": "refund-route"}""");

        Assert.Equal("\"INSTANT\"", EngineHarness.Variable(instance, "routeCode"));
        Assert.Null(EngineHarness.Variable(instance, "route"));
    }

    [Fact]
    public void Redeploying_an_unchanged_model_keeps_its_versions_and_a_changed_one_gets_the_next()
    {
        var harness = new EngineHarness();

        var first = Assert.Single(harness.Deploy(Folder + "refund-route.dmn").DecisionRequirements);
        var again = Assert.Single(harness.Deploy(Folder + "refund-route.dmn").DecisionRequirements);
        var changed = Assert.Single(harness.Deploy(Folder + "refund-route-v2.dmn").DecisionRequirements);

        Assert.Equal(first.Key, again.Key);
        Assert.Equal(("refund-policy", 1, "refund-route", 1), (first.DecisionRequirementsId, first.Version, first.Decisions[0].DecisionId, first.Decisions[0].Version));
        Assert.Equal((2, 2), (changed.Version, Assert.Single(changed.Decisions).Version));
        Assert.Equal("2024-q1", first.Decisions[0].VersionTag);
        Assert.Equal("decisionTable", first.Decisions[0].Logic);
    }

    [Fact]
    public void Evaluating_a_decision_outside_a_process_is_recorded_and_a_failure_is_returned_not_thrown()
    {
        var harness = new EngineHarness();
        harness.Deploy(Folder + "refund-route.dmn");

        var ok = harness.Engine.EvaluateDecision(null, "refund-route", EngineHarness.Vars("""{"orderValue": 10, "tier": "gold"}"""));
        var failed = harness.Engine.EvaluateDecision(ok.Decision.Key, null, EngineHarness.Vars("""{"orderValue": 450, "tier": "gold"}"""));

        Assert.Equal("\"instant\"", FeelJson.ToJsonString(ok.Result!.Value));
        Assert.Null(ok.ProcessInstanceKey);
        Assert.Contains("review-large-gold", failed.Failure, StringComparison.Ordinal);
        Assert.Equal(2, harness.Store.DecisionEvaluations.Count);
        var missing = Assert.Throws<EngineException>(() => harness.Engine.EvaluateDecision(null, "nope", null));
        Assert.Equal(EngineError.NotFound, missing.Error);
    }

    [Fact]
    public void Invalid_models_and_tasks_are_refused_at_deployment_with_element_and_line()
    {
        var harness = new EngineHarness();
        const string BadTable = """
            <definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" id="bad" name="bad" namespace="https://example.com/bad">
              <decision id="d" name="d">
                <decisionTable id="t" hitPolicy="SOMETIMES">
                  <input id="i"><inputExpression><text>x</text></inputExpression></input>
                  <output id="o" name="o" />
                  <rule id="r1"><inputEntry><text>&lt;&lt; 3</text></inputEntry><outputEntry><text>1</text></outputEntry></rule>
                </decisionTable>
              </decision>
            </definitions>
            """;
        const string NoResult = """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="x">
              <bpmn:process id="p" isExecutable="true">
                <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="b" />
                <bpmn:businessRuleTask id="b"><bpmn:extensionElements><zeebe:calledDecision decisionId="x" /></bpmn:extensionElements></bpmn:businessRuleTask>
                <bpmn:businessRuleTask id="c" />
              </bpmn:process>
            </bpmn:definitions>
            """;

        var table = Assert.Throws<DeploymentException>(() => harness.DeployXml("bad.dmn", BadTable));
        var task = Assert.Throws<DeploymentException>(() => harness.DeployXml("p.bpmn", NoResult));

        Assert.Contains(table.Problems, p => p.ElementId == "t" && p.Line == 3 && p.Message.Contains("unknown hit policy 'SOMETIMES'", StringComparison.Ordinal));
        Assert.Contains(table.Problems, p => p.ElementId == "r1" && p.Line == 6 && p.Message.Contains("FEEL syntax error", StringComparison.Ordinal));
        Assert.Contains(task.Problems, p => p.ElementId == "b" && p.Message.Contains("needs a resultVariable", StringComparison.Ordinal));
        Assert.Contains(task.Problems, p => p.ElementId == "c" && p.Message.Contains("needs a called decision", StringComparison.Ordinal));
        Assert.Empty(harness.Store.Definitions.DecisionRequirements);
    }

    [Fact]
    public void Bug_a_value_with_NUL_quoted_in_a_failure_stopped_the_node_on_postgresql_it_is_written_escaped()
    {
        var harness = new EngineHarness();
        harness.DeployXml("kinds.dmn", """
            <definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" id="kinds" name="kinds" namespace="https://example.com/kinds">
              <decision id="refund-route" name="Refund route">
                <decisionTable id="t">
                  <input id="i" label="kind"><inputExpression><text>kind</text></inputExpression><inputValues><text>"a","b"</text></inputValues></input>
                  <output id="o" name="route" />
                  <rule id="r"><inputEntry><text>-</text></inputEntry><outputEntry><text>"x"</text></outputEntry></rule>
                </decisionTable>
              </decision>
            </definitions>
            """);
        harness.Deploy(Folder + "refund.bpmn");

        harness.Engine.CreateInstance("refund", null, new Dictionary<string, Feel.Values.FeelValue>(StringComparer.Ordinal) { ["kind"] = new Feel.Values.FeelString("zz\0zz") });

        var incident = Assert.Single(harness.Store.Incidents);
        Assert.DoesNotContain('\0', incident.ErrorMessage);
        Assert.Contains("zz\\u0000zz", incident.ErrorMessage, StringComparison.Ordinal);
        Assert.DoesNotContain('\0', harness.Store.DecisionEvaluations[0].Failure!);
    }

    [Fact]
    public void Bug_an_output_deeper_than_a_variable_may_be_refused_the_command_it_is_an_incident()
    {
        var harness = new EngineHarness();
        var deep = new string('[', 40) + new string(']', 40);
        harness.DeployXml("deep.dmn", $$"""
            <definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" id="deep" name="deep" namespace="https://example.com/deep">
              <decision id="refund-route" name="Refund route"><literalExpression><text>{{deep}}</text></literalExpression></decision>
            </definitions>
            """);
        harness.Deploy(Folder + "refund.bpmn");

        var instance = harness.Start("refund");

        var incident = Assert.Single(harness.Store.Incidents);
        Assert.Equal(IncidentType.DecisionEvaluationError, incident.Type);
        Assert.Contains("the output cannot be kept", incident.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(["decide"], EngineHarness.Active(instance));
        Assert.Null(harness.Store.DecisionEvaluations[0].Result);
    }
}
