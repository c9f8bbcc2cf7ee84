namespace Orchestrator.Messaging;

/// <summary>
/// The messaging port: a broker the server receives messages from and sends messages to. Adapters: RabbitMQ
/// (<see cref="RabbitMq.RabbitMqTransport"/>) and Azure Service Bus (<see cref="ServiceBus.ServiceBusTransport"/>).
/// A received message is settled only after its handler returned: <see cref="InboundOutcome.Completed"/> removes it,
/// <see cref="InboundOutcome.DeadLetter"/> moves it to the dead-letter queue with the reason, and
/// <see cref="InboundOutcome.Retry"/> (or a handler that throws) gives it back to be delivered again.
/// </summary>
public interface IMessagingTransport : IAsyncDisposable
{
    /// <summary>The broker's name, for logs (<c>RabbitMq</c>, <c>ServiceBus</c>).</summary>
    string Name { get; }

    /// <summary>Starts receiving from <paramref name="source"/>; dispose what it returns to stop.</summary>
    /// <exception cref="ArgumentException">The broker has no such kind of source (a topic subscription on RabbitMQ).</exception>
    Task<IMessageReceiver> ReceiveAsync(MessageSource source, InboundHandler handler, CancellationToken cancellationToken);

    /// <summary>Sends a message; returns once the broker has it (RabbitMQ: publisher confirm).</summary>
    Task SendAsync(OutboundMessage message, CancellationToken cancellationToken);
}

/// <summary>A source being received from; dispose it to stop (it waits for the messages being handled).</summary>
public interface IMessageReceiver : IAsyncDisposable
{
    /// <summary>
    /// False once receiving stopped for good — the broker cancelled the consumer (its queue was deleted) or closed the channel
    /// (a consumer timeout) while the connection stays up: the caller starts a new receiver. A connection that is down and
    /// recovering still counts as receiving.
    /// </summary>
    bool IsReceiving { get; }
}

/// <summary>Handles one received message and says how to settle it.</summary>
public delegate Task<InboundOutcome> InboundHandler(InboundMessage message, CancellationToken cancellationToken);
