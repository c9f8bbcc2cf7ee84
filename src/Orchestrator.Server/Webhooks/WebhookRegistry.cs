using Orchestrator.Engine.Model;
using Orchestrator.Engine.Ports;
using Orchestrator.Feel;
using Orchestrator.Persistence;
using Orchestrator.Server.Hosting;

namespace Orchestrator.Server.Webhooks;

/// <summary>The webhooks of the latest version of every deployed process, by path (see <see cref="ModelDeclarations{T}"/>).</summary>
public sealed class WebhookRegistry(OrchestratorDatabase database, IDefinitionStore definitions, FeelEngine feel, ILogger<WebhookRegistry> logger)
    : ModelDeclarations<WebhookEndpoint>(database, definitions, feel, logger)
{
    /// <summary>The property names a model uses on the event's <c>zeebe:properties</c>.</summary>
    public const string PathProperty = "webhook.path";

    /// <summary>The signature header unless <c>webhook.signatureHeader</c> names another.</summary>
    public const string DefaultSignatureHeader = "X-Signature";

    /// <summary>The timestamp header unless <c>webhook.timestampHeader</c> names another.</summary>
    public const string DefaultTimestampHeader = "X-Timestamp";

    /// <summary>The delivery id header unless <c>webhook.deliveryIdHeader</c> names another.</summary>
    public const string DefaultDeliveryIdHeader = "X-Delivery-Id";

    /// <summary>The endpoints by path.</summary>
    public Task<IReadOnlyDictionary<string, WebhookEndpoint>> EndpointsAsync(CancellationToken cancellationToken) => DeclaredAsync(cancellationToken);

    protected override string Kind => "webhook path";

    protected override string NameOf(WebhookEndpoint item) => item.Path;

    protected override string Describe(WebhookEndpoint item) => item.ProcessId;

    protected override IEnumerable<WebhookEndpoint> Declared(ProcessModel model)
    {
        foreach (var node in model.Elements.Values)
        {
            if (node.Event.Kind != EventKind.Message || !node.Properties.TryGetValue(PathProperty, out var path) || node.Event.MessageName is null)
            {
                continue;
            }

            var properties = node.Properties;
            if (!TryExpression(properties.GetValueOrDefault("webhook.correlationKey"), out var correlationKey, out var problem)
                || !TryExpression(properties.GetValueOrDefault("webhook.variables"), out var variables, out problem)
                || !TryExpression(properties.GetValueOrDefault("webhook.condition"), out var condition, out problem)
                || !TryExpression(properties.GetValueOrDefault("webhook.startCondition"), out var startCondition, out problem)
                || !TryDuration("webhook.timeToLive", properties.GetValueOrDefault("webhook.timeToLive"), out var timeToLive, out problem))
            {
                LogInvalid(path, model.BpmnProcessId, node.Id, problem!);
                continue;
            }

            var fields = new List<WebhookField>();
            foreach (var (name, rule) in properties.Where(p => p.Key.StartsWith(WebhookField.PropertyPrefix, StringComparison.Ordinal)).OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (!WebhookField.TryParse(name[WebhookField.PropertyPrefix.Length..], rule, out var field, out problem))
                {
                    break;
                }

                fields.Add(field!);
            }

            if (problem is not null)
            {
                LogInvalid(path, model.BpmnProcessId, node.Id, problem);
                continue;
            }

            yield return new WebhookEndpoint(
                path.Trim('/'),
                model.BpmnProcessId,
                node.Id,
                MessageName(node),
                properties.GetValueOrDefault("webhook.secret", ""),
                properties.GetValueOrDefault("webhook.signatureHeader", DefaultSignatureHeader),
                properties.GetValueOrDefault("webhook.timestampHeader", DefaultTimestampHeader),
                properties.GetValueOrDefault("webhook.deliveryIdHeader", DefaultDeliveryIdHeader),
                correlationKey,
                variables,
                timeToLive,
                condition,
                startCondition,
                fields);
        }
    }
}
