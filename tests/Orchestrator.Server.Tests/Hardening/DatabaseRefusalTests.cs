using System.Security.Cryptography;
using Orchestrator.Server.Tests.Cluster;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Hardening;

/// <summary>
/// A value PostgreSQL cannot hold (here an index entry over about 2,700 bytes: a job type a model's expression takes from a
/// variable) fails the one command that would store it with a 400, and the node goes on; before, the journal stopped and the
/// node with it, at the first such value a client sent.
/// </summary>
public sealed class DatabaseRefusalTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [PostgresFact]
    public async Task Bug_a_value_the_database_could_not_index_stopped_the_node()
    {
        // Arrange
        await server.DeployAsync("Api/job-work.bpmn");
        var unindexable = Convert.ToHexString(RandomNumberGenerator.GetBytes(3_000));

        // Act
        var refused = await server.PostAsync("/v2/process-instances", new { processDefinitionId = "job-work", variables = new { jobType = unindexable } });

        // Assert: that command is refused, nothing of it is stored, and the node serves the next one.
        Assert.Contains("the database refused", await ApiAssert.Problem(refused, 400, "INVALID_ARGUMENT"), StringComparison.Ordinal);
        Assert.Empty(await server.SearchAsync("variables", new { name = "jobType", value = $"\"{unindexable}\"" }));
        var instance = await server.StartAsync("job-work", new { jobType = "after-a-refusal" });
        var job = Assert.Single(await server.ActivateAsync("after-a-refusal"));
        Assert.Equal(instance, job!["processInstanceKey"]!.GetValue<string>());
        Assert.Single(await server.SearchAsync("process-instances", new { processDefinitionId = "job-work" }));
    }
}
