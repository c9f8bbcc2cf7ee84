namespace Orchestrator.Messaging;

/// <summary>A message to send.</summary>
/// <param name="Destination">
/// A queue (RabbitMQ: declared durable when missing, published through the default exchange; <c>exchange/&lt;name&gt;</c>
/// names an exchange instead) or a Service Bus queue or topic.
/// </param>
/// <param name="Body">The payload (JSON).</param>
/// <param name="MessageId">The message id: a deduplicating queue drops a second message with the same id.</param>
/// <param name="Properties">Application properties (RabbitMQ headers, Service Bus application properties).</param>
/// <param name="SessionId">The session (Service Bus), if any.</param>
/// <param name="RoutingKey">For a RabbitMQ exchange: the routing key (empty when null).</param>
public sealed record OutboundMessage(
    string Destination, ReadOnlyMemory<byte> Body, string MessageId, IReadOnlyDictionary<string, string>? Properties = null, string? SessionId = null, string? RoutingKey = null);
