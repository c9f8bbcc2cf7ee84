using System.Text.Json.Nodes;
using Orchestrator.Server.Messaging;
using Orchestrator.Server.Tests.Ui;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Messaging;

/// <summary>Messaging without a broker (the default), and the "Send message" element template the designer offers (a server over the repository's workflows).</summary>
public sealed class MessagingWithoutBrokerTests(RepositoryWorkflowsServer server) : IClassFixture<RepositoryWorkflowsServer>
{
    [Fact]
    public async Task A_send_without_a_broker_raises_an_incident_that_says_so()
    {
        await server.DeployAsync("Messaging/send-without-broker.bpmn");
        var instance = await server.StartAsync("send-without-broker");

        Assert.True(await Poll.Until(async () => (await server.SearchAsync("incidents", new { processInstanceKey = instance })).Count == 1), "no incident");
        var incident = Assert.Single(await server.SearchAsync("incidents", new { processInstanceKey = instance }))!;
        Assert.Contains("no broker is configured (Messaging:Provider is None)", incident["errorMessage"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_send_message_template_binds_what_the_connector_reads()
    {
        var templates = (await ApiAssert.OkJson(await server.Client.GetAsync("/api/element-templates"))).AsArray();

        var template = Assert.Single(templates, t => t!["id"]!.GetValue<string>() == "io.aftersales.messaging.send")!;
        var properties = template["properties"]!.AsArray().Select(p => p!["binding"]!).ToList();
        Assert.Equal("Send message", template["name"]!.GetValue<string>());
        Assert.Contains(properties, b => Is(b, "zeebe:taskDefinition", "property", "type") && b.Parent!["value"]!.GetValue<string>() == MessagingSendHandler.TaskType);
        Assert.Equal(["destination", "routingKey"], Bound(properties, "zeebe:taskHeader", "key"));
        Assert.Equal(["body", "properties", "sessionId"], Bound(properties, "zeebe:input", "name"));
    }

    private static bool Is(JsonNode binding, string type, string field, string value) =>
        binding["type"]!.GetValue<string>() == type && binding[field]?.GetValue<string>() == value;

    private static string[] Bound(List<JsonNode> bindings, string type, string field) =>
        [.. bindings.Where(b => b["type"]!.GetValue<string>() == type).Select(b => b[field]!.GetValue<string>())];
}
