using System.Net.Http.Json;
using Orchestrator.Server.Tests.Api;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.BatchOperations;

/// <summary>Batch operations are for operators and admins: an agent is refused, an admin is not.</summary>
public sealed class BatchOperationPermissionTests(AuthFixture server) : IClassFixture<AuthFixture>
{
    private static readonly object Filter = new { filter = new { processDefinitionId = "nothing-deployed" } };

    [Fact]
    public async Task An_agent_may_not_start_or_read_batches_and_an_admin_may()
    {
        using var agent = server.ClientAs("alice", AuthFixture.AgentPassword);
        using var admin = server.ClientAs("admin", AuthFixture.AdminPassword);

        await ApiAssert.Problem(await agent.PostAsJsonAsync("/v2/process-instances/incident-resolution", Filter), 403, "FORBIDDEN");
        await ApiAssert.Problem(await agent.PostAsJsonAsync("/v2/process-instances/cancellation", Filter), 403, "FORBIDDEN");
        await ApiAssert.Problem(await agent.PostAsJsonAsync("/v2/batch-operations/search", new { }), 403, "FORBIDDEN");
        var batch = await ApiAssert.OkJson(await admin.PostAsJsonAsync("/v2/process-instances/cancellation", Filter));
        var key = batch["batchOperationKey"]!.GetValue<string>();
        await ApiAssert.Problem(await agent.GetAsync($"/v2/batch-operations/{key}"), 403, "FORBIDDEN");
        await ApiAssert.OkJson(await admin.GetAsync($"/v2/batch-operations/{key}"));
    }
}
