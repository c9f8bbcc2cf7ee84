using System.Diagnostics;
using System.Text.Json.Nodes;
using Orchestrator.Testing;
using RabbitMQ.Client;

namespace Orchestrator.Server.Tests.Messaging;

/// <summary>A server on RabbitMQ for the resilience tests (its own, so that what they break stays theirs).</summary>
public sealed class ResilientRabbitMqServer : RabbitMqServer;

/// <summary>
/// What a broker and its users do to the server's queues: a source the adapter cannot serve, a queue the shop declared with
/// its own arguments, a queue or dead-letter queue deleted, a destination deleted, messages that can never be handled.
/// None of it stops the other queues, leaves a message unacknowledged, or sends a message round for ever.
/// </summary>
public sealed class MessagingResilienceTests(ResilientRabbitMqServer server) : IClassFixture<ResilientRabbitMqServer>
{
    private static readonly RabbitMqBroker Broker = new();
    private readonly string _s = Guid.NewGuid().ToString("N")[..8];

    private static string Start(string process, string message, string properties) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs-{process}" targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:process id="{process}" isExecutable="true">
            <bpmn:startEvent id="start">
              <bpmn:extensionElements><zeebe:properties>{properties}</zeebe:properties></bpmn:extensionElements>
              <bpmn:messageEventDefinition messageRef="m" />
            </bpmn:startEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="done" />
            <bpmn:endEvent id="done" />
          </bpmn:process>
          <bpmn:message id="m" name="{message}" />
        </bpmn:definitions>
        """;

    private static string Queue(string queue) => $"""<zeebe:property name="messaging.queue" value="{queue}" />""";

    private Task<JsonNode> DeployAsync(string name, string xml) => server.DeployXmlAsync($"{name}.bpmn", xml);

    private async Task<JsonArray> Instances(string process) => await server.SearchAsync("process-instances", new { processDefinitionId = process });

    private static async Task<bool> Within(TimeSpan time, Func<Task<bool>> condition)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < time)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }

    private static async Task OnChannelAsync(Func<IChannel, Task> action)
    {
        await using var connection = await new ConnectionFactory { Uri = RabbitMqBroker.Uri }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await action(channel);
    }

    [Fact]
    public async Task A_source_the_adapter_cannot_serve_and_a_queue_declared_with_other_arguments_do_not_hold_up_the_others()
    {
        // Arrange: a Service Bus topic (RabbitMQ has none), a queue the shop declared with a length limit, and a plain queue
        await OnChannelAsync(channel => channel.QueueDeclareAsync($"limited-{_s}", durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-max-length"] = 100_000 }));
        await DeployAsync($"topic-{_s}", Start($"topic-{_s}", $"t-{_s}",
            $"""<zeebe:property name="messaging.topic" value="orders-{_s}" /><zeebe:property name="messaging.subscription" value="all" />"""));
        await DeployAsync($"limited-{_s}", Start($"limited-{_s}", $"l-{_s}", Queue($"limited-{_s}")));
        await DeployAsync($"plain-{_s}", Start($"plain-{_s}", $"p-{_s}", Queue($"plain-{_s}")));

        // Act (the shop's system publishes to its queue as it is; declaring it again without the limit would be refused)
        await OnChannelAsync(channel => channel.BasicPublishAsync("", $"limited-{_s}", System.Text.Encoding.UTF8.GetBytes("""{"a": 1}""")).AsTask());
        await Broker.PublishAsync($"plain-{_s}", """{"a": 1}""", "p-1");

        // Assert: both queues are served, the shop's queue as it was declared
        Assert.True(await Within(TimeSpan.FromSeconds(15), async () => (await Instances($"limited-{_s}")).Count == 1 && (await Instances($"plain-{_s}")).Count == 1),
            "a queue was not served");
    }

    [Fact]
    public async Task A_queue_deleted_and_declared_again_is_received_from_again()
    {
        // Arrange
        await DeployAsync($"del-{_s}", Start($"del-{_s}", $"d-{_s}", Queue($"del-{_s}")));
        Assert.True(await Within(TimeSpan.FromSeconds(10), async () => await Broker.ConsumersAsync($"del-{_s}") > 0), "not receiving");

        // Act: the queue is deleted (the broker cancels the consumer); the shop declares it again and publishes
        await OnChannelAsync(channel => channel.QueueDeleteAsync($"del-{_s}"));
        await Broker.PublishAsync($"del-{_s}", """{"a": 1}""", "after-delete");

        // Assert
        Assert.True(await Within(TimeSpan.FromSeconds(15), async () => (await Instances($"del-{_s}")).Count == 1),
            $"not received again; consumers {await Broker.ConsumersAsync($"del-{_s}")}");
    }

    [Fact]
    public async Task A_poison_message_is_dead_lettered_even_after_its_dead_letter_queue_was_deleted()
    {
        // Arrange
        await DeployAsync($"nodlq-{_s}", Start($"nodlq-{_s}", $"n-{_s}", Queue($"nodlq-{_s}")));
        Assert.True(await Within(TimeSpan.FromSeconds(10), async () => await Broker.ConsumersAsync($"nodlq-{_s}") > 0), "not receiving");
        await OnChannelAsync(channel => channel.QueueDeleteAsync($"nodlq-{_s}.dlq"));

        // Act
        await Broker.PublishAsync($"nodlq-{_s}", "not json", "poison");

        // Assert: the dead-letter queue is declared again and takes it
        Assert.True(await Within(TimeSpan.FromSeconds(15), async () => await Broker.CountAsync($"nodlq-{_s}.dlq") == 1), "not dead-lettered");
    }

    [Fact]
    public async Task Messages_that_fail_the_same_way_every_time_are_dead_lettered_not_retried()
    {
        // Arrange: a body with more values than FEEL holds (ten million), and a variable name a database cannot hold
        await DeployAsync($"huge-{_s}", Start($"huge-{_s}", $"h-{_s}", Queue($"huge-{_s}")));
        await DeployAsync($"nul-{_s}", Start($"nul-{_s}", $"u-{_s}", Queue($"nul-{_s}")));
        Assert.True(await Within(TimeSpan.FromSeconds(10), async () => await Broker.ConsumersAsync($"huge-{_s}") > 0 && await Broker.ConsumersAsync($"nul-{_s}") > 0), "not receiving");
        var huge = new System.Text.StringBuilder("{\"items\":[0", 20_000_020);
        huge.Insert(huge.Length, ",0", 10_000_000);
        huge.Append("]}");

        // Act
        await Broker.PublishAsync($"huge-{_s}", huge.ToString(), "huge");
        await Broker.PublishAsync($"nul-{_s}", """{"a\u0000b": 1}""", "nul");

        // Assert
        Assert.True(await Within(TimeSpan.FromSeconds(30), async () => await Broker.CountAsync($"huge-{_s}.dlq") == 1), "the huge body was not dead-lettered");
        Assert.True(await Within(TimeSpan.FromSeconds(15), async () => await Broker.CountAsync($"nul-{_s}.dlq") == 1), "the NUL name was not dead-lettered");
        var nul = await Broker.TakeAsync($"nul-{_s}.dlq");
        Assert.Contains("NUL character", System.Text.Encoding.UTF8.GetString((byte[])nul!.BasicProperties.Headers![Orchestrator.Messaging.RabbitMq.RabbitMqTransport.ReasonHeader]!), StringComparison.Ordinal);
        Assert.Empty(await Instances($"nul-{_s}"));
    }

    [Fact]
    public async Task A_send_after_its_destination_queue_was_deleted_declares_it_again()
    {
        // Arrange: a process that sends one message
        await DeployAsync($"snd-{_s}", $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
              <bpmn:process id="snd-{_s}" isExecutable="true">
                <bpmn:startEvent id="start" /><bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="tell" />
                <bpmn:serviceTask id="tell">
                  <bpmn:extensionElements>
                    <zeebe:taskDefinition type="messaging.send" retries="1" />
                    <zeebe:taskHeaders><zeebe:header key="destination" value="sent-{_s}" /></zeebe:taskHeaders>
                    <zeebe:ioMapping><zeebe:input source="=n" target="body" /></zeebe:ioMapping>
                  </bpmn:extensionElements>
                </bpmn:serviceTask>
                <bpmn:sequenceFlow id="f2" sourceRef="tell" targetRef="done" /><bpmn:endEvent id="done" />
              </bpmn:process>
            </bpmn:definitions>
            """);
        await server.StartAsync($"snd-{_s}", new { n = 1 });
        Assert.True(await Within(TimeSpan.FromSeconds(10), async () => await Broker.CountAsync($"sent-{_s}") == 1), "the first send");

        // Act
        await OnChannelAsync(channel => channel.QueueDeleteAsync($"sent-{_s}"));
        var second = await server.StartAsync($"snd-{_s}", new { n = 2 });

        // Assert
        Assert.True(await Within(TimeSpan.FromSeconds(15), async () =>
            (await server.SearchAsync("process-instances", new { processInstanceKey = second })).Single()!["state"]!.GetValue<string>() == "COMPLETED"),
            "the second send failed: " + (await server.SearchAsync("incidents", new { processInstanceKey = second })).ToJsonString());
        Assert.Equal(1u, await Broker.CountAsync($"sent-{_s}"));
    }
}
