using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orchestrator.Persistence.Store;
using Orchestrator.Messaging;
using Orchestrator.Messaging.RabbitMq;
using Orchestrator.Messaging.ServiceBus;
using Orchestrator.Server.Workers;

namespace Orchestrator.Server.Messaging;

/// <summary>Registers the broker chosen by <c>Messaging:Provider</c>, the receiver of the queues models bind, and the <c>messaging.send</c> connector.</summary>
public static class MessagingServiceExtensions
{
    public static WebApplicationBuilder AddOrchestratorMessaging(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<MessagingOptions>().BindConfiguration(MessagingOptions.Section)
            .Validate(o => o.Provider != MessagingProvider.RabbitMq || o.RabbitMq.Uri is { IsAbsoluteUri: true },
                "Messaging:RabbitMq:Uri must be an absolute amqp:// URI when Messaging:Provider is RabbitMq")
            .Validate(o => o.Provider != MessagingProvider.ServiceBus || !string.IsNullOrEmpty(o.ServiceBus.ConnectionString) || !string.IsNullOrEmpty(o.ServiceBus.FullyQualifiedNamespace),
                "Messaging:ServiceBus:ConnectionString or Messaging:ServiceBus:FullyQualifiedNamespace must be set when Messaging:Provider is ServiceBus")
            .Validate(o => o.RabbitMq.Prefetch > 0 && o.RabbitMq.Concurrency > 0 && o.ServiceBus.MaxConcurrentCalls > 0 && o.ServiceBus.PrefetchCount >= 0,
                "Messaging:RabbitMq:Prefetch, Messaging:RabbitMq:Concurrency and Messaging:ServiceBus:MaxConcurrentCalls must be positive, Messaging:ServiceBus:PrefetchCount zero or more")
            .Validate(o => o.Provider != MessagingProvider.None || string.IsNullOrWhiteSpace(o.Events.Destination),
                "Messaging:Events:Destination needs a broker: set Messaging:Provider (RabbitMq or ServiceBus)")
            .Validate(o => o.DeduplicationWindow >= TimeSpan.Zero, "Messaging:DeduplicationWindow must not be negative")
            .ValidateOnStart();
        builder.Services.AddJobHandler<MessagingSendHandler>();
        var provider = builder.Configuration.GetValue<MessagingProvider?>($"{MessagingOptions.Section}:Provider") ?? MessagingProvider.None;
        if (provider == MessagingProvider.None)
        {
            return builder;
        }

        builder.Services.AddSingleton<IMessagingTransport>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<MessagingOptions>>().Value;
            return options.Provider == MessagingProvider.RabbitMq
                ? new RabbitMqTransport(options.RabbitMq, sp.GetRequiredService<ILogger<RabbitMqTransport>>())
                : new ServiceBusTransport(options.ServiceBus, sp.GetRequiredService<ILogger<ServiceBusTransport>>());
        });
        builder.Services.AddSingleton(sp =>
        {
            var engine = sp.GetRequiredService<Hosting.EngineHost>().Engine;
            return new MessagingRegistry(
                sp.GetRequiredService<Persistence.OrchestratorDatabase>(), engine.Store.Definitions, engine.Feel, sp.GetRequiredService<ILogger<MessagingRegistry>>());
        });
        builder.Services.AddHostedService<MessagingReceiver>();
        if (!string.IsNullOrWhiteSpace(builder.Configuration[$"{MessagingOptions.Section}:Events:Destination"]))
        {
            // Each commit also writes its process events to the outbox, which the publisher sends on.
            builder.Services.Replace(ServiceDescriptor.Singleton(new DurableStoreOptions { RecordProcessEvents = true }));
            builder.Services.AddHostedService<ProcessEventPublisher>();
        }

        return builder;
    }
}
