using System.Net.Http.Json;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Api;

/// <summary>Topology, status, health, the OpenAPI document, and clock control when it is on.</summary>
public sealed class ClusterTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Topology_is_json_with_one_healthy_leader()
    {
        var topology = await ApiAssert.OkJson(await server.Client.GetAsync("/v2/topology"));

        Assert.Equal(1, topology["clusterSize"]!.GetValue<int>());
        var partition = Assert.Single(Assert.Single(topology["brokers"]!.AsArray())!["partitions"]!.AsArray())!;
        Assert.Equal("leader", partition["role"]!.GetValue<string>());
        Assert.Equal("healthy", partition["health"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(topology["gatewayVersion"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Status_is_204() => await ApiAssert.NoContent(await server.Client.GetAsync("/v2/status"));

    [Fact]
    public async Task Health_is_200()
    {
        var response = await server.Client.GetAsync("/health");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_openapi_document_is_served()
    {
        var document = await ApiAssert.OkJson(await server.Client.GetAsync("/openapi/v1.json"));

        Assert.NotNull(document["paths"]!["/v2/jobs/activation"]);
    }

    [Fact]
    public async Task The_clock_can_be_pinned_and_reset_when_clock_control_is_on()
    {
        try
        {
            await ApiAssert.NoContent(await server.Client.PutAsJsonAsync("/v2/clock", new { timestamp = 1_900_000_000_000L }));
            await server.DeployAsync("Api/job-work.bpmn");
            var instance = await server.StartAsync("job-work", new { jobType = "cluster.clock" });

            var started = await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/process-instances/{instance}"));
            Assert.Equal("2030-03-17T17:46:40.000Z", started["startDate"]!.GetValue<string>());
        }
        finally
        {
            await ApiAssert.NoContent(await server.PostAsync("/v2/clock/reset", null));
        }
    }

    [Fact]
    public async Task An_unknown_v2_path_is_a_404()
    {
        var response = await server.Client.GetAsync("/v2/no-such-thing");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }
}
