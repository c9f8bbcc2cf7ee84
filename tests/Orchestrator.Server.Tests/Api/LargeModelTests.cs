using System.Text;
using Orchestrator.Testing;
using Orchestrator.Testing.Models;

namespace Orchestrator.Server.Tests.Api;

/// <summary>A model of 40,000 elements goes through the same HTTP paths as a small one: validation, deployment, instances, jobs.</summary>
public sealed class LargeModelTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task A_model_of_forty_thousand_elements_is_validated_deployed_and_started_over_http()
    {
        var xml = LargeModel.Generate(40_000, "large-http");

        var validation = await ApiAssert.OkJson(await server.Client.PostAsync("/api/models/validate", new StringContent(xml, Encoding.UTF8, "application/xml")));
        using var content = new MultipartFormDataContent { { new StringContent(xml, Encoding.UTF8, "application/xml"), "resources", "large-http.bpmn" } };
        var deployment = await ApiAssert.OkJson(await server.Client.PostAsync("/v2/deployments", content));
        var instance = await server.StartAsync("large-http", new { amount = 10 });
        var job = Assert.Single(await server.ActivateAsync(LargeModel.JobType))!;

        Assert.True(validation["valid"]!.GetValue<bool>(), validation.ToJsonString());
        Assert.Equal("large-http", deployment["deployments"]![0]!["processDefinition"]!["processDefinitionId"]!.GetValue<string>());
        Assert.Equal(instance, job["processInstanceKey"]!.GetValue<string>());
        Assert.Equal("work0", job["elementId"]!.GetValue<string>());
    }
}
