using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Api;

/// <summary>Agents read the decision instances of the cases they work on, and no others; evaluating takes the right to start work.</summary>
public sealed class DecisionVisibilityTests(AuthFixture server) : IClassFixture<AuthFixture>
{
    [Fact]
    public async Task An_agent_sees_decision_instances_only_of_cases_they_see()
    {
        using var admin = server.ClientAs("admin", AuthFixture.AdminPassword);
        var api = new ApiClient(admin);
        await api.DeployAsync("Hardening/decide-later.dmn");
        await api.DeployXmlAsync("finance-case.bpmn", """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="fc" targetNamespace="x">
              <bpmn:process id="finance-case" isExecutable="true">
                <bpmn:startEvent id="start" />
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="decide" />
                <bpmn:businessRuleTask id="decide"><bpmn:extensionElements><zeebe:calledDecision decisionId="decide-later" resultVariable="route" /></bpmn:extensionElements></bpmn:businessRuleTask>
                <bpmn:sequenceFlow id="f2" sourceRef="decide" targetRef="review" />
                <bpmn:userTask id="review"><bpmn:extensionElements><zeebe:userTask /><zeebe:assignmentDefinition candidateGroups="fin_nce" /></bpmn:extensionElements></bpmn:userTask>
              </bpmn:process>
            </bpmn:definitions>
            """);
        var instance = await api.StartAsync("finance-case", new { amount = 10 });
        var all = Assert.Single(await api.SearchAsync("decision-instances", new { processInstanceKey = instance }))!;
        var id = all["decisionEvaluationInstanceKey"]!.GetValue<string>();

        var alice = new ApiClient(server.ClientAs("alice", AuthFixture.AgentPassword));
        var carol = new ApiClient(server.ClientAs("carol", AuthFixture.AgentPassword));

        Assert.Empty(await alice.SearchAsync("decision-instances", new { processInstanceKey = instance }));
        await ApiAssert.Problem(await alice.Http.GetAsync($"/v2/decision-instances/{id}"), 404, "NOT_FOUND");
        Assert.Single(await carol.SearchAsync("decision-instances", new { processInstanceKey = instance }));
        await ApiAssert.OkJson(await carol.Http.GetAsync($"/v2/decision-instances/{id}"));
        await ApiAssert.Problem(await alice.PostAsync("/v2/decision-definitions/evaluation", new { decisionDefinitionId = "decide-later" }), 403, "FORBIDDEN");
    }
}
