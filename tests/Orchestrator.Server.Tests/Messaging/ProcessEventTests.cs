using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Messaging;

/// <summary>A server on RabbitMQ that publishes process events to a queue of its own.</summary>
public sealed class ProcessEventServer : RabbitMqServer
{
    public string Destination { get; } = "events-" + Guid.NewGuid().ToString("N")[..10];

    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Messaging:Events:Destination"] = Destination;
        return settings;
    }
}

/// <summary>Process events reach other systems through the transactional outbox: each once the change it tells is durable, in order per instance, as CloudEvents.</summary>
public sealed class ProcessEventTests(ProcessEventServer server) : IClassFixture<ProcessEventServer>
{
    private static readonly RabbitMqBroker Broker = new();
    private readonly List<JsonNode> _received = [];

    /// <summary>The events of one instance received so far (others' are kept for their own test).</summary>
    private async Task<List<JsonNode>> EventsOfAsync(string instance, int atLeast)
    {
        await Poll.Until(async () =>
        {
            while (await Broker.TakeAsync(server.Destination) is { } message)
            {
                _received.Add(JsonNode.Parse(Encoding.UTF8.GetString(message.Body.Span))!);
            }

            return _received.Count(e => e["subject"]!.GetValue<string>() == instance) >= atLeast;
        });
        return _received.Where(e => e["subject"]!.GetValue<string>() == instance).ToList();
    }

    [Fact]
    public async Task An_instance_s_events_arrive_in_order_as_cloud_events()
    {
        // Arrange
        await server.DeployAsync("Messaging/process-events.bpmn");
        var instance = await server.StartAsync("evented-refund");
        var task = Assert.Single(await server.SearchAsync("user-tasks", new { processInstanceKey = instance }))!["userTaskKey"]!.GetValue<string>();

        // Act: the review is done; the refund fails without retries, is retried and resolved, then done
        await ApiAssert.NoContent(await server.PostAsync($"/v2/user-tasks/{task}/completion", new { }));
        var job = Assert.Single(await server.ActivateAsync("events.refund"))!["jobKey"]!.GetValue<string>();
        await ApiAssert.NoContent(await server.PostAsync($"/v2/jobs/{job}/failure", new { retries = 0, errorMessage = "payment API down" }));
        var incident = Assert.Single(await server.SearchAsync("incidents", new { processInstanceKey = instance }))!["incidentKey"]!.GetValue<string>();
        await ApiAssert.NoContent(await server.Client.PatchAsJsonAsync($"/v2/jobs/{job}", new { changeset = new { retries = 1 } }));
        await ApiAssert.NoContent(await server.PostAsync($"/v2/incidents/{incident}/resolution", new { }));
        var again = Assert.Single(await server.ActivateAsync("events.refund"))!["jobKey"]!.GetValue<string>();
        await ApiAssert.NoContent(await server.PostAsync($"/v2/jobs/{again}/completion", new { }));

        // Assert
        var events = await EventsOfAsync(instance, 6);
        Assert.Equal(
            ["process-instance.started", "user-task.created", "user-task.completed", "incident.created", "incident.resolved", "process-instance.completed"],
            events.Select(e => e["type"]!.GetValue<string>()["io.aftersales.orchestrator.".Length..]));
        var first = events[0];
        Assert.Equal(("1.0", "/orchestrator/processes/evented-refund", "application/json"),
            (first["specversion"]!.GetValue<string>(), first["source"]!.GetValue<string>(), first["datacontenttype"]!.GetValue<string>()));
        Assert.Equal(instance, first["data"]!["processInstanceKey"]!.GetValue<string>());
        Assert.Equal(task, events[1]["data"]!["userTaskKey"]!.GetValue<string>());
        Assert.Contains("payment API down", events[3]["data"]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(events.Count, events.Select(e => e["id"]!.GetValue<string>()).Distinct().Count());
    }

    [Fact]
    public async Task A_cancelled_instance_tells_so()
    {
        await server.DeployAsync("Messaging/process-events.bpmn");
        var instance = await server.StartAsync("evented-refund");

        await ApiAssert.NoContent(await server.PostAsync($"/v2/process-instances/{instance}/cancellation", new { }));

        var events = await EventsOfAsync(instance, 3);
        Assert.Equal(["process-instance.started", "user-task.created", "process-instance.canceled"],
            events.Select(e => e["type"]!.GetValue<string>()["io.aftersales.orchestrator.".Length..]));
    }
}
