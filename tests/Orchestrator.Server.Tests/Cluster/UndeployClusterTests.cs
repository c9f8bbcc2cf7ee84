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
}
