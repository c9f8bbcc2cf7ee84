using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Persistence;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Webhooks;

/// <summary>The webhooks after further deployments: served from the engine's parsed definitions, never parsed again from the stored XML.</summary>
public sealed class WebhookRegistryTests(WebhookServer server) : IClassFixture<WebhookServer>
{
    [Fact]
    public async Task Bug_every_deployment_made_the_registry_parse_every_stored_definition_again()
    {
        // Arrange: the webhook model is served; then the stored XML of every definition stops parsing, which only
        // a registry that reads the XML again would notice
        await server.DeployAsync("Webhooks/webhooks.bpmn");
        var first = await server.DeliverAsync("carrier/tracking", """{"tracking_code":"TRK-REG-1","status":"Lost"}""", WebhookServer.CarrierSecret, "reg-1");
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        await using (var context = server.Services.GetRequiredService<OrchestratorDatabase>().CreateContext())
        {
            await context.ProcessDefinitions.ExecuteUpdateAsync(s => s.SetProperty(d => d.Xml, "<not-bpmn/>"));
        }

        // Act: another deployment adds the newest definition, so the registry rebuilds its paths
        await server.DeployAsync("Api/straight-through.bpmn");
        var second = await server.DeliverAsync("carrier/tracking", """{"tracking_code":"TRK-REG-2","status":"Lost"}""", WebhookServer.CarrierSecret, "reg-2");

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.True(await Poll.Until(async () => (await server.SearchAsync("variables", new { name = "trackingCode", value = "\"TRK-REG-2\"" })).Count == 1),
            "the delivery after the second deployment started no instance");
        var paths = (await ApiAssert.OkJson(await server.Client.GetAsync("/api/webhooks"))).AsArray().Select(w => w!["path"]!.GetValue<string>()).ToList();
        Assert.Contains("/webhooks/carrier/tracking", paths);
        Assert.Contains("/webhooks/warehouse/receipt", paths);
    }
}
