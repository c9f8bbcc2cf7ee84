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
    Task<IAsyncDisposable> ReceiveAsync(MessageSource source, InboundHandler handler, CancellationToken cancellationToken);

    /// <summary>Sends a message; returns once the broker has it (RabbitMQ: publisher confirm).</summary>
    Task SendAsync(OutboundMessage message, CancellationToken cancellationToken);
}

/// <summary>Handles one received message and says how to settle it.</summary>
public delegate Task<InboundOutcome> InboundHandler(InboundMessage message, CancellationToken cancellationToken);
