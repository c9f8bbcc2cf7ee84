using System.Text.Json.Nodes;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Api;

/// <summary>
/// Decisions over the Camunda 8.8 API: a .dmn deployed, searched and read back, a business rule task evaluating it, the decision
/// instance with its inputs and matched rules for audit, and evaluation outside a process. Each test names its own decisions.
/// </summary>
public sealed class DecisionTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task A_deployed_model_is_searchable_and_readable_with_its_xml()
    {
        var (xml, decision) = Table("read");

        var deployment = await server.DeployXmlAsync($"{decision}.dmn", xml);

        var items = deployment["deployments"]!.AsArray();
        var definition = items.Select(i => i!["decisionDefinition"]).Single(d => d is not null)!;
        var requirements = items.Select(i => i!["decisionRequirements"]).Single(r => r is not null)!;
        Assert.Equal((decision, 1, "Refund route"), (Text(definition, "decisionDefinitionId"), definition["version"]!.GetValue<int>(), Text(definition, "name")));
        Assert.Equal(($"{decision}-policy", $"{decision}.dmn"), (Text(requirements, "decisionRequirementsId"), Text(requirements, "resourceName")));
        var key = Text(definition, "decisionDefinitionKey");

        var found = Assert.Single(await server.SearchAsync("decision-definitions", new { decisionDefinitionId = decision }));
        Assert.Equal(key, Text(found!, "decisionDefinitionKey"));
        Assert.Equal(Text(requirements, "decisionRequirementsKey"), Text(found!, "decisionRequirementsKey"));
        var byKey = await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/decision-definitions/{key}"));
        Assert.Equal(decision, Text(byKey, "decisionDefinitionId"));
        Assert.Equal(xml, await server.Client.GetStringAsync($"/v2/decision-definitions/{key}/xml"));
        var graph = Assert.Single(await server.SearchAsync("decision-requirements", new { decisionRequirementsId = $"{decision}-policy" }));
        Assert.Equal(xml, await server.Client.GetStringAsync($"/v2/decision-requirements/{Text(graph!, "decisionRequirementsKey")}/xml"));
        await ApiAssert.Problem(await server.Client.GetAsync("/v2/decision-definitions/123"), 404, "NOT_FOUND");
        await ApiAssert.Problem(await server.Client.GetAsync("/v2/decision-definitions/abc"), 400, "INVALID_ARGUMENT");
    }

    [Fact]
    public async Task A_business_rule_task_records_a_decision_instance_with_inputs_and_matched_rules()
    {
        var (xml, decision) = Table("task");
        await server.DeployXmlAsync($"{decision}.dmn", xml);
        await server.DeployXmlAsync($"{decision}.bpmn", Process(decision));

        var instance = await server.StartAsync($"{decision}-process", new { orderValue = 250, tier = "gold" });

        var variables = await server.SearchAsync("variables", new { processInstanceKey = instance, name = "route" });
        Assert.Equal("\"instant\"", Text(Assert.Single(variables)!, "value"));
        var item = Assert.Single(await server.SearchAsync("decision-instances", new { processInstanceKey = instance }))!;
        Assert.Equal(("EVALUATED", decision, "DECISION_TABLE", "\"instant\""),
            (Text(item, "state"), Text(item, "decisionDefinitionId"), Text(item, "decisionDefinitionType"), Text(item, "result")));
        var detail = await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/decision-instances/{Text(item, "decisionEvaluationInstanceKey")}"));
        Assert.Equal(["Order value=250", "Customer tier=\"gold\""],
            detail["evaluatedInputs"]!.AsArray().Select(i => $"{Text(i!, "inputName")}={Text(i!, "inputValue")}"));
        var rule = Assert.Single(detail["matchedRules"]!.AsArray())!;
        Assert.Equal(("instant-gold", 2), (Text(rule, "ruleId"), rule["ruleIndex"]!.GetValue<int>()));
        var output = Assert.Single(rule["evaluatedOutputs"]!.AsArray())!;
        Assert.Equal(("out-route", "route", "\"instant\""), (Text(output, "outputId"), Text(output, "outputName"), Text(output, "outputValue")));
        await ApiAssert.Problem(await server.Client.GetAsync("/v2/decision-instances/1-1"), 404, "NOT_FOUND");
    }

    [Fact]
    public async Task A_failed_evaluation_in_a_process_is_an_incident_naming_the_rules()
    {
        var (xml, decision) = Table("fail");
        await server.DeployXmlAsync($"{decision}.dmn", xml);
        await server.DeployXmlAsync($"{decision}.bpmn", Process(decision));

        var instance = await server.StartAsync($"{decision}-process", new { orderValue = 450, tier = "gold" });

        var incident = Assert.Single(await server.SearchAsync("incidents", new { processInstanceKey = instance }))!;
        Assert.Equal("DECISION_EVALUATION_ERROR", Text(incident, "errorType"));
        Assert.Contains("instant-gold", Text(incident, "errorMessage"), StringComparison.Ordinal);
        Assert.Contains("review-large-gold", Text(incident, "errorMessage"), StringComparison.Ordinal);
        var failed = Assert.Single(await server.SearchAsync("decision-instances", new { processInstanceKey = instance }))!;
        Assert.Equal("FAILED", Text(failed, "state"));
        Assert.Contains("review-large-gold", Text(failed, "evaluationFailure"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluation_outside_a_process_answers_the_output_and_every_decision_evaluated()
    {
        var (xml, decision) = Table("evaluate");
        await server.DeployXmlAsync($"{decision}.dmn", xml);

        var result = await server.PostOkAsync("/v2/decision-definitions/evaluation", new { decisionDefinitionId = decision, variables = new { orderValue = 20, tier = "silver" } });

        Assert.Equal(("\"instant\"", "", decision), (Text(result, "output"), Text(result, "failureMessage"), Text(result, "decisionDefinitionId")));
        var evaluated = Assert.Single(result["evaluatedDecisions"]!.AsArray())!;
        Assert.Equal("instant-small", Text(Assert.Single(evaluated["matchedRules"]!.AsArray())!, "ruleId"));
        var recorded = Assert.Single(await server.SearchAsync("decision-instances", new { decisionEvaluationKey = Text(result, "decisionEvaluationKey") }))!;
        Assert.Equal(Text(evaluated, "decisionEvaluationInstanceKey"), Text(recorded, "decisionEvaluationInstanceKey"));

        var failed = await server.PostOkAsync("/v2/decision-definitions/evaluation",
            new { decisionDefinitionKey = Text(result, "decisionDefinitionKey"), variables = new { orderValue = 450, tier = "gold" } });
        Assert.Equal((decision, "null"), (Text(failed, "failedDecisionDefinitionId"), Text(failed, "output")));
        Assert.Contains("review-large-gold", Text(failed, "failureMessage"), StringComparison.Ordinal);

        await ApiAssert.Problem(await server.PostAsync("/v2/decision-definitions/evaluation", new { decisionDefinitionId = "nope" }), 404, "NOT_FOUND");
        await ApiAssert.Problem(await server.PostAsync("/v2/decision-definitions/evaluation", new { decisionDefinitionId = decision, decisionDefinitionKey = "1" }), 400, "INVALID_ARGUMENT");
        await ApiAssert.Problem(await server.PostAsync("/v2/decision-definitions/evaluation", new { }), 400, "INVALID_ARGUMENT");
    }

    [Fact]
    public async Task An_invalid_model_is_a_400_naming_element_and_line_and_validates_in_the_designer()
    {
        const string Invalid = """
            <definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" id="invalid-policy" name="Invalid" namespace="https://example.com/invalid">
              <decision id="invalid" name="Invalid">
                <decisionTable id="invalid-table" hitPolicy="SOMETIMES">
                  <input id="i"><inputExpression><text>x</text></inputExpression></input>
                  <output id="o" name="o" />
                </decisionTable>
              </decision>
            </definitions>
            """;
        using var content = new MultipartFormDataContent { { new StringContent(Invalid), "resources", "invalid.dmn" } };

        var detail = await ApiAssert.Problem(await server.Client.PostAsync("/v2/deployments", content), 400, "INVALID_ARGUMENT");

        Assert.Contains("invalid.dmn:3: invalid-table: decision 'Invalid': unknown hit policy 'SOMETIMES'", detail, StringComparison.Ordinal);
        using var form = new MultipartFormDataContent { { new StringContent(Invalid), "file", "invalid.dmn" } };
        var validation = await ApiAssert.OkJson(await server.Client.PostAsync("/api/models/validate", form));
        Assert.False(validation["valid"]!.GetValue<bool>());
        var reported = Assert.Single(validation["problems"]!.AsArray())!;
        Assert.Equal(("invalid-table", 3), (Text(reported, "elementId"), reported["line"]!.GetValue<int>()));
    }

    [Fact]
    public async Task A_failed_evaluation_records_the_decisions_evaluated_before_it_and_the_one_that_failed()
    {
        const string Chain = """
            <definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" id="chain-drg" name="Chain" namespace="https://example.com/chain">
              <decision id="chain-score" name="Score"><literalExpression><text>amount * 2</text></literalExpression></decision>
              <decision id="chain-band" name="Band">
                <informationRequirement><requiredDecision href="#chain-score" /></informationRequirement>
                <decisionTable id="chain-band-table">
                  <input id="chain-in" label="Score"><inputExpression><text>Score</text></inputExpression><inputValues><text>[0..100]</text></inputValues></input>
                  <output id="chain-out" name="band" />
                  <rule id="chain-any"><inputEntry><text>-</text></inputEntry><outputEntry><text>"a"</text></outputEntry></rule>
                </decisionTable>
              </decision>
              <decision id="chain-top" name="Top">
                <informationRequirement><requiredDecision href="#chain-band" /></informationRequirement>
                <literalExpression><text>Band</text></literalExpression>
              </decision>
            </definitions>
            """;
        await server.DeployXmlAsync("chain.dmn", Chain);

        var failed = await server.PostOkAsync("/v2/decision-definitions/evaluation", new { decisionDefinitionId = "chain-top", variables = new { amount = 400 } });

        Assert.Equal("chain-band", Text(failed, "failedDecisionDefinitionId"));
        Assert.Equal(["chain-score"], failed["evaluatedDecisions"]!.AsArray().Select(d => Text(d!, "decisionDefinitionId")));
        var recorded = await server.SearchAsync("decision-instances", new { decisionEvaluationKey = Text(failed, "decisionEvaluationKey") });
        Assert.Equal(["chain-score EVALUATED 800", "chain-band FAILED null"],
            recorded.Select(r => $"{Text(r!, "decisionDefinitionId")} {Text(r!, "state")} {Text(r!, "result")}").Order(StringComparer.Ordinal).Reverse());
        Assert.Contains("800", Text(recorded.Single(r => Text(r!, "state") == "FAILED")!, "evaluationFailure"), StringComparison.Ordinal);
    }

    private static string Text(JsonNode node, string name) => node[name] is JsonValue value ? value.ToString() : node[name]?.ToJsonString() ?? "";

    /// <summary>A UNIQUE refund-route table named <paramref name="name"/>: instant under 100, or up to 500 for gold; review otherwise (450 gold matches two rules).</summary>
    private static (string Xml, string Decision) Table(string name)
    {
        var decision = $"route-{name}";
        return ($$"""
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" id="{{decision}}-policy" name="Refund policy" namespace="https://example.com/{{decision}}">
              <decision id="{{decision}}" name="Refund route">
                <decisionTable id="{{decision}}-table" hitPolicy="UNIQUE">
                  <input id="in-value" label="Order value"><inputExpression typeRef="number"><text>orderValue</text></inputExpression></input>
                  <input id="in-tier" label="Customer tier"><inputExpression typeRef="string"><text>tier</text></inputExpression></input>
                  <output id="out-route" name="route" typeRef="string" />
                  <rule id="instant-small"><inputEntry><text>&lt; 100</text></inputEntry><inputEntry><text>-</text></inputEntry><outputEntry><text>"instant"</text></outputEntry></rule>
                  <rule id="instant-gold"><inputEntry><text>[100..500]</text></inputEntry><inputEntry><text>"gold"</text></inputEntry><outputEntry><text>"instant"</text></outputEntry></rule>
                  <rule id="review-rest"><inputEntry><text>&gt;= 100</text></inputEntry><inputEntry><text>not("gold")</text></inputEntry><outputEntry><text>"review"</text></outputEntry></rule>
                  <rule id="review-large-gold"><inputEntry><text>&gt;= 400</text></inputEntry><inputEntry><text>"gold"</text></inputEntry><outputEntry><text>"review"</text></outputEntry></rule>
                </decisionTable>
              </decision>
            </definitions>
            """, decision);
    }

    private static string Process(string decision) => $$"""
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="{{decision}}-d" targetNamespace="x">
          <bpmn:process id="{{decision}}-process" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="decide" />
            <bpmn:businessRuleTask id="decide">
              <bpmn:extensionElements><zeebe:calledDecision decisionId="{{decision}}" resultVariable="route" /></bpmn:extensionElements>
            </bpmn:businessRuleTask>
            <bpmn:sequenceFlow id="f2" sourceRef="decide" targetRef="wait" />
            <bpmn:userTask id="wait" />
          </bpmn:process>
        </bpmn:definitions>
        """;
}
