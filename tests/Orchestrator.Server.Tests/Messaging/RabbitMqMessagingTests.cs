using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Persistence;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Messaging;

/// <summary>A server that receives from and sends to the real RabbitMQ of <see cref="RabbitMqBroker"/>.</summary>
public class RabbitMqServer : ServerFixture
{
    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Messaging:Provider"] = "RabbitMq";
        settings["Messaging:RabbitMq:Uri"] = RabbitMqBroker.Uri.ToString();
        return settings;
    }
}

/// <summary>
/// Models bind RabbitMQ queues as webhooks bind paths: a message on a bound queue starts or advances an instance, settled once its
/// publication is durable; a redelivered message id has no second effect; what cannot be handled goes to <c>&lt;queue&gt;.dlq</c>
/// with the reason; <c>messaging.send</c> sends with the job key as message id.
/// </summary>
public sealed class RabbitMqMessagingTests(RabbitMqServer server) : IClassFixture<RabbitMqServer>, IAsyncLifetime
{
    // One connection for the whole run: the broker outlives the tests.
    private static readonly RabbitMqBroker Broker = new();
    private readonly string _s = Guid.NewGuid().ToString("N")[..10];

    public async Task InitializeAsync()
    {
        var xml = (await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Messaging", "messaging.bpmn"))).Replace("{s}", _s, StringComparison.Ordinal);
        await server.DeployXmlAsync($"messaging-{_s}.bpmn", xml);
        var receiving = await Poll.Until(async () => await Broker.ConsumersAsync($"returns-{_s}") > 0 && await Broker.ConsumersAsync($"scans-{_s}") > 0);
        Assert.True(receiving, "the server does not receive from the queues the model binds");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<JsonArray> InstancesAsync() => await server.SearchAsync("process-instances", new { processDefinitionId = $"mq-{_s}" });

    [Fact]
    public async Task A_message_starts_an_instance_a_scan_advances_it_and_the_process_sends_its_own_message()
    {
        // Act: the shop's system asks for a return, then the carrier scans the parcel
        await Broker.PublishAsync($"returns-{_s}", """{"orderId": "O-1", "reason": "too small"}""", "req-1", new Dictionary<string, object?> { ["channel"] = "web" });
        Assert.True(await Poll.Until(async () => (await InstancesAsync()).Count == 1), "no instance started");
        await Broker.PublishAsync($"scans-{_s}", """{"orderId": "O-1", "at": "2026-12-04T10:00:00Z"}""", "scan-1");

        // Assert: the instance ran to its end and told the shop, with the job key as message id
        Assert.True(await Poll.Until(async () => (await InstancesAsync()).Single()!["state"]!.GetValue<string>() == "COMPLETED"), "the instance did not complete");
        var instance = (await InstancesAsync()).Single()!["processInstanceKey"]!.GetValue<string>();
        var channel = Assert.Single(await server.SearchAsync("variables", new { processInstanceKey = instance, name = "channel" }))!;
        Assert.Equal("\"web\"", channel["value"]!.GetValue<string>());
        var sent = await Broker.TakeAsync($"out-{_s}");
        Assert.NotNull(sent);
        var body = JsonNode.Parse(Encoding.UTF8.GetString(sent.Body.Span))!;
        Assert.Equal(("O-1", "picked up", "2026-12-04T10:00:00Z"), (body["orderId"]!.GetValue<string>(), body["event"]!.GetValue<string>(), body["at"]!.GetValue<string>()));
        await using (var context = server.Services.GetRequiredService<OrchestratorDatabase>().CreateContext())
        {
            var job = context.Jobs.Single(j => j.ProcessInstanceKey == long.Parse(instance, CultureInfo.InvariantCulture) && j.Type == "messaging.send");
            Assert.Equal(job.Key.ToString(CultureInfo.InvariantCulture), sent.BasicProperties.MessageId);
        }

        Assert.Equal("return", Encoding.UTF8.GetString((byte[])sent.BasicProperties.Headers!["kind"]!));
        Assert.Equal(0u, await Broker.CountAsync($"returns-{_s}"));
        Assert.Equal(0u, await Broker.CountAsync($"returns-{_s}.dlq"));
    }

    [Fact]
    public async Task A_redelivered_message_id_starts_no_second_instance_and_a_left_out_message_starts_none()
    {
        // Act: the same message twice (as a redelivery after a lost acknowledgement), then one the condition leaves out
        await Broker.PublishAsync($"returns-{_s}", """{"orderId": "O-2"}""", "req-2");
        await Broker.PublishAsync($"returns-{_s}", """{"orderId": "O-2"}""", "req-2");
        await Broker.PublishAsync($"returns-{_s}", """{"orderId": "O-3", "test": true}""", "req-3");
        await Broker.PublishAsync($"returns-{_s}", """{"orderId": "O-4"}""", "req-4");

        // Assert: the last one is handled, so the ones before it were settled; one instance per message id
        Assert.True(await Poll.Until(async () => (await InstancesAsync()).Count == 2), "the messages were not handled");
        Assert.True(await Poll.Until(async () => await Broker.CountAsync($"returns-{_s}") == 0), "a message was not settled");
        var orders = new List<string>();
        foreach (var instance in await InstancesAsync())
        {
            var order = Assert.Single(await server.SearchAsync("variables", new { processInstanceKey = instance!["processInstanceKey"]!.GetValue<string>(), name = "orderId" }))!;
            orders.Add(order["value"]!.GetValue<string>());
        }

        Assert.Equal(["\"O-2\"", "\"O-4\""], orders.Order(StringComparer.Ordinal));
        Assert.Equal(0u, await Broker.CountAsync($"returns-{_s}.dlq"));
    }

    [Fact]
    public async Task Messages_that_cannot_be_handled_go_to_the_dead_letter_queue_with_the_reason_and_the_queue_goes_on()
    {
        // Act: a body that is not JSON, a scan without the order id, then a good request
        await Broker.PublishAsync($"returns-{_s}", "not json at all", "bad-1");
        await Broker.PublishAsync($"scans-{_s}", """{"at": "2026-12-04T10:00:00Z"}""", "bad-2");
        await Broker.PublishAsync($"returns-{_s}", """{"orderId": "O-5"}""", "req-5");

        // Assert
        Assert.True(await Poll.Until(async () => (await InstancesAsync()).Count == 1), "the good message after the bad one was not handled");
        Assert.True(await Poll.Until(async () => await Broker.CountAsync($"scans-{_s}.dlq") == 1), "the scan was not dead-lettered");
        var notJson = await Broker.TakeAsync($"returns-{_s}.dlq");
        var noKey = await Broker.TakeAsync($"scans-{_s}.dlq");
        Assert.Equal("not json at all", Encoding.UTF8.GetString(notJson!.Body.Span));
        Assert.Contains("the body is not JSON", Reason(notJson), StringComparison.Ordinal);
        Assert.Equal("bad-2", noKey!.BasicProperties.MessageId);
        Assert.Contains($"scans-{_s} of mq-{_s}/pickedUp: the correlation key gave null", Reason(noKey), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_receive_task_and_a_non_interrupting_boundary_event_bind_queues_too()
    {
        // Arrange
        var xml = (await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Messaging", "messaging-kinds.bpmn"))).Replace("{s}", _s, StringComparison.Ordinal);
        await server.DeployXmlAsync($"messaging-kinds-{_s}.bpmn", xml);
        Assert.True(await Poll.Until(async () => await Broker.ConsumersAsync($"confirmations-{_s}") > 0 && await Broker.ConsumersAsync($"chasers-{_s}") > 0), "not receiving");
        var instance = await server.StartAsync($"mq-kinds-{_s}", new { orderId = "O-7" });

        // Act: the confirmation, then a chaser while the review is open
        await Broker.PublishAsync($"confirmations-{_s}", """{"orderId": "O-7"}""", "c-1");
        Assert.True(await Poll.Until(async () => (await server.SearchAsync("user-tasks", new { processInstanceKey = instance })).Count == 1), "the receive task did not complete");
        await Broker.PublishAsync($"chasers-{_s}", """{"orderId": "O-7", "text": "where is my refund?"}""", "ch-1");

        // Assert: the chaser ran beside the open review
        Assert.True(await Poll.Until(async () => (await server.SearchAsync("variables", new { processInstanceKey = instance, name = "chaser" })).Count == 1), "the boundary event did not fire");
        Assert.Single(await server.SearchAsync("user-tasks", new { processInstanceKey = instance, state = "CREATED" }));
    }

    private static string Reason(RabbitMQ.Client.BasicGetResult message) =>
        Encoding.UTF8.GetString((byte[])message.BasicProperties.Headers![Orchestrator.Messaging.RabbitMq.RabbitMqTransport.ReasonHeader]!);
}

/// <summary>A server on RabbitMQ with the shipped workflows.</summary>
public sealed class RabbitMqWorkflowsServer : RabbitMqServer
{
    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Workflows:Path"] = Repository.Workflows;
        return settings;
    }
}

/// <summary>The shipped logistics-exception workflow starts from the carrier's queue as it does from the carrier's webhook: one model, both bindings.</summary>
public sealed class ShippedWorkflowMessagingTests(RabbitMqWorkflowsServer server) : IClassFixture<RabbitMqWorkflowsServer>
{
    private static readonly RabbitMqBroker Broker = new();

    [Fact]
    public async Task A_lost_parcel_on_the_carrier_queue_starts_a_logistics_exception()
    {
        // Arrange
        Assert.True(await Poll.Until(async () => await Broker.ConsumersAsync("carrier.tracking") > 0), "the server does not receive from carrier.tracking");
        var code = "TRK-MQ-" + Guid.NewGuid().ToString("N")[..8];

        // Act
        await Broker.PublishAsync("carrier.tracking", $$"""{"trackingCode": "{{code}}", "orderId": "O-9", "status": "Lost", "carrierStatus": "missing at hub"}""", code + "-2");

        // Assert
        Assert.True(await Poll.Until(async () => (await server.SearchAsync("variables", new { name = "trackingCode", value = $"\"{code}\"" })).Count == 1), "no instance");
        var started = Assert.Single(await server.SearchAsync("variables", new { name = "trackingCode", value = $"\"{code}\"" }))!;
        var instance = await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/process-instances/{started["processInstanceKey"]!.GetValue<string>()}"));
        Assert.Equal("logistics-exception", instance["processDefinitionId"]!.GetValue<string>());
    }
}
