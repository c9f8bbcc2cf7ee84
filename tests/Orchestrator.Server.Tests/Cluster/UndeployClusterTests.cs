using System.Net.Http.Json;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Cluster;

/// <summary>A version undeployed on one node is gone on the other at once: it starts the previous version, as a deployment is used there at once.</summary>
public sealed class UndeployClusterTests(TwoNodes nodes) : IClassFixture<TwoNodes>
{
    private static async Task<string> DeployAsync(HttpClient node, string process, string jobType) =>
        (await Nodes.DeployAsync(node, process + ".bpmn", Nodes.JobModel(process, jobType)))["deployments"]![0]!["processDefinition"]!["processDefinitionKey"]!.GetValue<string>();

    [PostgresFact]
    public async Task A_version_undeployed_on_one_node_is_not_started_on_the_other()
    {
        var process = Nodes.Unique("undeploy");
        var v1 = await DeployAsync(nodes.A, process, "first");
        var v2 = await DeployAsync(nodes.A, process, "second");
        // Node B knows both versions before the deletion.
        await ApiAssert.OkJson(await nodes.B.PostAsJsonAsync("/v2/process-instances", new { processDefinitionKey = v1 }));

        await ApiAssert.OkJson(await nodes.A.PostAsJsonAsync($"/v2/resources/{v2}/deletion", new { }));

        var created = await ApiAssert.OkJson(await nodes.B.PostAsJsonAsync("/v2/process-instances", new { processDefinitionId = process }));
        Assert.Equal(v1, created["processDefinitionKey"]!.GetValue<string>());
        await ApiAssert.Problem(await nodes.B.PostAsJsonAsync($"/v2/resources/{v2}/deletion", new { }), 404, "NOT_FOUND");
    }

    private static string Dmn(string id, string decisionId, string answer) => $"""
        <definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" id="{id}" name="{id}" namespace="https://example.com/{id}">
          <decision id="{decisionId}" name="{decisionId}"><literalExpression><text>"{answer}"</text></literalExpression></decision>
        </definitions>
        """;

    private static async Task<string> EvaluateAsync(HttpClient node, string decisionId) =>
        (await ApiAssert.OkJson(await node.PostAsJsonAsync("/v2/decision-definitions/evaluation", new { decisionDefinitionId = decisionId })))["output"]!.ToString();

    [PostgresFact]
    public async Task A_decision_model_undeployed_on_one_node_no_longer_decides_on_the_other_and_its_number_is_not_given_again_there()
    {
        var id = Nodes.Unique("undeploy-dmn");
        var decision = Nodes.Unique("undeploy-decision");
        await Nodes.DeployAsync(nodes.A, id + ".dmn", Dmn(id, decision, "first"));
        var v2 = (await Nodes.DeployAsync(nodes.A, id + ".dmn", Dmn(id, decision, "second")))["deployments"]!.AsArray()
            .Single(d => d!["decisionRequirements"] is not null)!["decisionRequirements"]!["decisionRequirementsKey"]!.GetValue<string>();
        Assert.Equal("\"second\"", await EvaluateAsync(nodes.B, decision));

        await ApiAssert.OkJson(await nodes.A.PostAsJsonAsync($"/v2/resources/{v2}/deletion", new { }));

        Assert.Equal("\"first\"", await EvaluateAsync(nodes.B, decision));
        var third = (await Nodes.DeployAsync(nodes.B, id + ".dmn", Dmn(id, decision, "third")))["deployments"]!.AsArray();
        Assert.Equal([3, 3], third.Select(d => (d!["decisionDefinition"] ?? d["decisionRequirements"])!["version"]!.GetValue<int>()));
    }
}
