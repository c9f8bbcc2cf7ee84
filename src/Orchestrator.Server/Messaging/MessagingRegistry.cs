using Orchestrator.Engine.Model;
using Orchestrator.Engine.Ports;
using Orchestrator.Feel;
using Orchestrator.Messaging;
using Orchestrator.Persistence;
using Orchestrator.Server.Hosting;

namespace Orchestrator.Server.Messaging;

/// <summary>The broker sources the latest version of every deployed process binds, by source name (see <see cref="ModelDeclarations{T}"/>).</summary>
public sealed class MessagingRegistry(OrchestratorDatabase database, IDefinitionStore definitions, FeelEngine feel, ILogger<MessagingRegistry> logger)
    : ModelDeclarations<MessagingBinding>(database, definitions, feel, logger)
{
    /// <summary>The queue property.</summary>
    public const string QueueProperty = "messaging.queue";

    /// <summary>The topic property (Service Bus; with <see cref="SubscriptionProperty"/>).</summary>
    public const string TopicProperty = "messaging.topic";

    /// <summary>The topic subscription property.</summary>
    public const string SubscriptionProperty = "messaging.subscription";

    /// <summary>The bindings by source name (<c>queue</c> or <c>topic/subscription</c>).</summary>
    public Task<IReadOnlyDictionary<string, MessagingBinding>> BindingsAsync(CancellationToken cancellationToken) => DeclaredAsync(cancellationToken);

    protected override string Kind => "queue";

    protected override string NameOf(MessagingBinding item) => item.Source.Name;

    protected override string Describe(MessagingBinding item) => $"{item.ProcessId}/{item.ElementId}";

    protected override IEnumerable<MessagingBinding> Declared(ProcessModel model)
    {
        foreach (var node in model.Elements.Values)
        {
            var properties = node.Properties;
            var queue = properties.GetValueOrDefault(QueueProperty);
            var topic = properties.GetValueOrDefault(TopicProperty);
            if (node.Event.Kind != EventKind.Message || node.Event.MessageName is null || (queue is null && topic is null))
            {
                continue;
            }

            var subscription = properties.GetValueOrDefault(SubscriptionProperty);
            var source = new MessageSource(topic ?? queue!, topic is null ? null : subscription, properties.GetValueOrDefault("messaging.sessions") == "true");
            if (topic is not null && string.IsNullOrWhiteSpace(subscription))
            {
                LogInvalid(source.Name, model.BpmnProcessId, node.Id, $"{TopicProperty} needs {SubscriptionProperty}");
                continue;
            }

            if (!TryExpression(properties.GetValueOrDefault("messaging.correlationKey"), out var correlationKey, out var problem)
                || !TryExpression(properties.GetValueOrDefault("messaging.variables"), out var variables, out problem)
                || !TryExpression(properties.GetValueOrDefault("messaging.condition"), out var condition, out problem)
                || !TryExpression(properties.GetValueOrDefault("messaging.startCondition"), out var startCondition, out problem)
                || !TryDuration("messaging.timeToLive", properties.GetValueOrDefault("messaging.timeToLive"), out var timeToLive, out problem))
            {
                LogInvalid(source.Name, model.BpmnProcessId, node.Id, problem!);
                continue;
            }

            yield return new MessagingBinding(
                source, model.BpmnProcessId, node.Id, MessageName(node), node.Kind == ElementKind.StartEvent && node.Parent?.Kind == ElementKind.Process,
                new MessageDeclaration(correlationKey, variables, condition, startCondition), timeToLive);
        }
    }
}
