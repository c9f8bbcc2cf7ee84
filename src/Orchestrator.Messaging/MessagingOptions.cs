namespace Orchestrator.Messaging;

/// <summary>The <c>Messaging</c> settings: which broker, and how to reach it.</summary>
public sealed class MessagingOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Messaging";

    /// <summary><c>None</c> (default), <c>RabbitMq</c> or <c>ServiceBus</c>.</summary>
    public MessagingProvider Provider { get; set; }

    /// <summary>RabbitMQ settings.</summary>
    public RabbitMqOptions RabbitMq { get; set; } = new();

    /// <summary>Azure Service Bus settings.</summary>
    public ServiceBusOptions ServiceBus { get; set; } = new();

    /// <summary>Process events for other systems.</summary>
    public ProcessEventOptions Events { get; set; } = new();

    /// <summary>
    /// How long a received message's id stays known after its publication, whatever its time to live: a redelivery within it
    /// (a lost acknowledgement, a node that died before acknowledging and came back) has no second effect. Each id kept is a
    /// small record in memory and in the database until then.
    /// </summary>
    public TimeSpan DeduplicationWindow { get; set; } = TimeSpan.FromHours(1);
}

/// <summary><c>Messaging:Events</c>.</summary>
public sealed class ProcessEventOptions
{
    /// <summary>The queue or topic process events are published to (RabbitMQ: <c>exchange/&lt;name&gt;</c> for an exchange); none when empty.</summary>
    public string? Destination { get; set; }
}

/// <summary>The brokers.</summary>
public enum MessagingProvider
{
    /// <summary>No broker: models that bind queues are not served, <c>messaging.send</c> jobs fail.</summary>
    None,

    /// <summary>RabbitMQ (RabbitMQ.Client).</summary>
    RabbitMq,

    /// <summary>Azure Service Bus (Azure.Messaging.ServiceBus).</summary>
    ServiceBus,
}

/// <summary><c>Messaging:RabbitMq</c>.</summary>
public sealed class RabbitMqOptions
{
    /// <summary>The AMQP URI, e.g. <c>amqp://user:password@host:5672/vhost</c>.</summary>
    public Uri? Uri { get; set; }

    /// <summary>Unacknowledged messages the broker sends ahead per queue (back-pressure).</summary>
    public ushort Prefetch { get; set; } = 64;

    /// <summary>Messages of one queue handled at once.</summary>
    public ushort Concurrency { get; set; } = 16;
}

/// <summary><c>Messaging:ServiceBus</c>.</summary>
public sealed class ServiceBusOptions
{
    /// <summary>A connection string (with a shared access key).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The namespace (<c>name.servicebus.windows.net</c>), signed in with Azure.Identity's default credential when there is no connection string.</summary>
    public string? FullyQualifiedNamespace { get; set; }

    /// <summary>Messages the processor fetches ahead.</summary>
    public int PrefetchCount { get; set; } = 32;

    /// <summary>Messages (or sessions) of one source handled at once.</summary>
    public int MaxConcurrentCalls { get; set; } = 16;
}
