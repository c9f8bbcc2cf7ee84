using System.Text;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Messaging.ServiceBus;

namespace Orchestrator.Messaging.Tests.ServiceBus;

/// <summary>
/// The Service Bus adapter without a namespace (no emulator is reachable here): received messages built with the SDK's
/// <see cref="ServiceBusModelFactory"/>, settled through a recording settler, and outbound messages checked as the SDK
/// would send them.
/// </summary>
public class ServiceBusTransportTests
{
    private static readonly MessageSource Queue = new("carrier-events");

    private static ServiceBusTransport Transport(TimeSpan? retryDelay = null) =>
        new(new ServiceBusOptions { ConnectionString = "Endpoint=sb://example.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=c2VjcmV0" }, NullLogger<ServiceBusTransport>.Instance)
        {
            RetryDelay = retryDelay ?? TimeSpan.Zero,
        };

    private static ServiceBusReceivedMessage Received(string body, string messageId = "m-1", string? sessionId = null, int deliveryCount = 1) =>
        ServiceBusModelFactory.ServiceBusReceivedMessage(
            body: BinaryData.FromString(body), messageId: messageId, sessionId: sessionId, contentType: "application/json",
            properties: new Dictionary<string, object> { ["carrier"] = "sf", ["attempt"] = 2 }, deliveryCount: deliveryCount);

    [Fact]
    public void A_received_message_reaches_the_port_with_its_id_body_properties_and_session()
    {
        // Act
        var inbound = ServiceBusTransport.ToInbound(Received("""{"orderId": "O-1"}""", sessionId: "O-1", deliveryCount: 2));

        // Assert
        Assert.Equal(("m-1", "O-1", "application/json", true), (inbound.MessageId, inbound.SessionId, inbound.ContentType, inbound.Redelivered));
        Assert.Equal("""{"orderId": "O-1"}""", Encoding.UTF8.GetString(inbound.Body.Span));
        Assert.Equal(new Dictionary<string, string> { ["carrier"] = "sf", ["attempt"] = "2" }, inbound.Properties);
    }

    [Theory]
    [InlineData(InboundSettlement.Complete, "complete")]
    [InlineData(InboundSettlement.DeadLetter, "dead-letter:orchestrator:not JSON")]
    [InlineData(InboundSettlement.Retry, "abandon")]
    public async Task A_message_is_settled_as_the_handler_says_only_after_it_returned(InboundSettlement settlement, string expected)
    {
        // Arrange
        await using var transport = Transport();
        var settler = new RecordingSettler();
        var handled = false;
        Task<InboundOutcome> Handler(InboundMessage message, CancellationToken cancellationToken)
        {
            // Nothing is settled while the handler runs.
            Assert.Empty(settler.Calls);
            handled = true;
            return Task.FromResult(settlement switch
            {
                InboundSettlement.Complete => InboundOutcome.Completed,
                InboundSettlement.DeadLetter => InboundOutcome.DeadLetter("not JSON"),
                _ => InboundOutcome.Retry("database away"),
            });
        }

        // Act
        await transport.HandleAsync(Queue, Handler, Received("{}"), settler, CancellationToken.None);

        // Assert
        Assert.True(handled);
        Assert.Equal([expected], settler.Calls);
    }

    [Fact]
    public async Task A_handler_that_throws_leaves_the_message_to_be_delivered_again()
    {
        // Arrange
        await using var transport = Transport();
        var settler = new RecordingSettler();

        // Act
        await transport.HandleAsync(Queue, (_, _) => throw new InvalidOperationException("engine stopped"), Received("{}"), settler, CancellationToken.None);

        // Assert
        Assert.Equal(["abandon"], settler.Calls);
    }

    [Fact]
    public async Task A_message_given_back_is_abandoned_only_after_the_retry_delay()
    {
        // Arrange: Service Bus dead-letters a message abandoned MaxDeliveryCount times; a passing failure must not use them up at once
        await using var transport = Transport(TimeSpan.FromMilliseconds(300));
        var settler = new RecordingSettler();
        var watch = System.Diagnostics.Stopwatch.StartNew();

        // Act
        await transport.HandleAsync(Queue, (_, _) => Task.FromResult(InboundOutcome.Retry("database away")), Received("{}"), settler, CancellationToken.None);

        // Assert
        Assert.Equal(["abandon"], settler.Calls);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(300), $"abandoned after {watch.Elapsed.TotalMilliseconds:N0} ms");
        Assert.Equal(TimeSpan.FromSeconds(1), InboundOutcome.RetryDelay);
    }

    [Fact]
    public void An_outbound_message_carries_its_id_session_content_type_and_properties()
    {
        // Act
        var message = ServiceBusTransport.ToServiceBus(new OutboundMessage(
            "shop-events", Encoding.UTF8.GetBytes("""{"event": "picked up"}"""), "2251799813685251", new Dictionary<string, string> { ["kind"] = "return" }, "O-1"));

        // Assert
        Assert.Equal(("2251799813685251", "O-1", "application/json"), (message.MessageId, message.SessionId, message.ContentType));
        Assert.Equal("""{"event": "picked up"}""", message.Body.ToString());
        Assert.Equal("return", message.ApplicationProperties["kind"]);
    }

    [Fact]
    public void Without_a_connection_string_or_namespace_the_transport_says_which_setting_is_missing()
    {
        var problem = Assert.Throws<ArgumentException>(() => new ServiceBusTransport(new ServiceBusOptions(), NullLogger<ServiceBusTransport>.Instance));

        Assert.Contains("Messaging:ServiceBus:ConnectionString or Messaging:ServiceBus:FullyQualifiedNamespace", problem.Message, StringComparison.Ordinal);
    }

    private sealed class RecordingSettler : ServiceBusTransport.ISettler
    {
        public List<string> Calls { get; } = [];

        public Task CompleteAsync(ServiceBusReceivedMessage message)
        {
            Calls.Add("complete");
            return Task.CompletedTask;
        }

        public Task DeadLetterAsync(ServiceBusReceivedMessage message, string reason)
        {
            Calls.Add($"dead-letter:{ServiceBusTransport.DeadLetterReason}:{reason}");
            return Task.CompletedTask;
        }

        public Task AbandonAsync(ServiceBusReceivedMessage message)
        {
            Calls.Add("abandon");
            return Task.CompletedTask;
        }
    }
}
