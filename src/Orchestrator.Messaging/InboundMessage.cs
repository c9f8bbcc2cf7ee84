namespace Orchestrator.Messaging;

/// <summary>A message received from a broker.</summary>
/// <param name="MessageId">The broker's message id (RabbitMQ: the <c>message_id</c> property; empty when the sender set none).</param>
/// <param name="Body">The payload.</param>
/// <param name="Properties">Application properties (RabbitMQ headers, Service Bus application properties) as text.</param>
/// <param name="ContentType">The content type the sender set, if any.</param>
/// <param name="SessionId">The session (Service Bus), if any.</param>
/// <param name="Redelivered">The broker delivered it before (and it was not settled).</param>
public sealed record InboundMessage(
    string MessageId, ReadOnlyMemory<byte> Body, IReadOnlyDictionary<string, string> Properties, string? ContentType, string? SessionId, bool Redelivered);
