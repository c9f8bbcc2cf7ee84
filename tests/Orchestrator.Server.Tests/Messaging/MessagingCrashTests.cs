using System.Text.Json.Nodes;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Messaging;

/// <summary>A server process killed without warning while it receives from RabbitMQ: what it had not settled is delivered again and handled once.</summary>
public sealed class MessagingCrashTests
{
    private static readonly RabbitMqBroker Broker = new();

    [Fact]
    public async Task Messages_in_flight_at_a_kill_are_redelivered_and_each_starts_exactly_one_instance()
    {
        // Arrange
        using var database = TestDatabase.Create();
        var s = Guid.NewGuid().ToString("N")[..10];
        var settings = new Dictionary<string, string?>
        {
            ["Auth:Anonymous"] = "true",
            ["Engine:ClockControl"] = "false",
            ["Workflows:Path"] = Path.Combine(database.Folder, "none"),
            ["Messaging:Provider"] = "RabbitMq",
            ["Messaging:RabbitMq:Uri"] = RabbitMqBroker.Uri.ToString(),
        };
        var model = (await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Messaging", "messaging.bpmn"))).Replace("{s}", s, StringComparison.Ordinal);
        const int Count = 1000;
        int startedBeforeKill;
        await using (var first = await ServerProcess.StartAsync(database, settings))
        {
            var api = new ApiClient(new HttpClient { BaseAddress = first.Address });
            await api.DeployXmlAsync("messaging.bpmn", model);
            Assert.True(await Poll.Until(async () => await Broker.ConsumersAsync($"returns-{s}") > 0), "the first server does not receive");

            // Act: a stream of requests, and the server killed while it works through them (the stream goes on to the broker)
            var publishing = Broker.PublishManyAsync($"returns-{s}", Enumerable.Range(0, Count).Select(i => ($$"""{"orderId": "O-{{i}}"}""", $"req-{i}")));
            Assert.True(await Poll.Until(async () => (await Instances(api, s)).Count >= 20), "the first server handled nothing");
            startedBeforeKill = (await Instances(api, s)).Count;
            first.Kill();
            await publishing;
        }

        // Assert: the kill came in the middle; the restarted server gets what was not settled; every request started one instance, none two
        Assert.InRange(startedBeforeKill, 20, Count - 1);
        await using var second = await ServerProcess.StartAsync(database, settings);
        var after = new ApiClient(new HttpClient { BaseAddress = second.Address });
        var all = await Poll.Until(async () => (await Instances(after, s)).Count >= Count && await Broker.CountAsync($"returns-{s}") == 0);
        var instances = await Instances(after, s);
        Assert.True(all, $"{instances.Count} of {Count} requests handled after the restart ({startedBeforeKill} before the kill)");
        var orders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var instance in instances)
        {
            var order = Assert.Single(await after.SearchAsync("variables", new { processInstanceKey = instance!["processInstanceKey"]!.GetValue<string>(), name = "orderId" }))!;
            Assert.True(orders.Add(order["value"]!.GetValue<string>()), $"two instances for {order["value"]}");
        }

        Assert.Equal(Count, orders.Count);
        Assert.Equal(0u, await Broker.CountAsync($"returns-{s}.dlq"));
    }

    private static async Task<JsonArray> Instances(ApiClient api, string s) => await api.SearchAsync("process-instances", new { processDefinitionId = $"mq-{s}" }, 1000);
}
