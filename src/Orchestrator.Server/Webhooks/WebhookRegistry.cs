using System.Xml;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Ports;
using Orchestrator.Feel;
using Orchestrator.Persistence;

namespace Orchestrator.Server.Webhooks;

/// <summary>
/// The webhooks of the latest version of every deployed process, by path. Rebuilt when a deployment added a
/// definition (the highest definition key in the database changed): which version of each process is the latest
/// comes from the database, so every node sees the same set, and the models come parsed from the engine's
/// definitions by key (each version parsed once, when deployed or loaded), never from the stored XML again.
/// </summary>
public sealed partial class WebhookRegistry(OrchestratorDatabase database, IDefinitionStore definitions, FeelEngine feel, ILogger<WebhookRegistry> logger)
    : IDisposable
{
    /// <summary>The property names a model uses on the event's <c>zeebe:properties</c>.</summary>
    public const string PathProperty = "webhook.path";

    /// <summary>The signature header unless <c>webhook.signatureHeader</c> names another.</summary>
    public const string DefaultSignatureHeader = "X-Signature";

    /// <summary>The timestamp header unless <c>webhook.timestampHeader</c> names another.</summary>
    public const string DefaultTimestampHeader = "X-Timestamp";

    /// <summary>The delivery id header unless <c>webhook.deliveryIdHeader</c> names another.</summary>
    public const string DefaultDeliveryIdHeader = "X-Delivery-Id";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyDictionary<string, WebhookEndpoint> _endpoints = new Dictionary<string, WebhookEndpoint>();
    private Dictionary<long, List<WebhookEndpoint>> _byDefinition = [];
    private long _builtFrom = -1;

    public void Dispose() => _gate.Dispose();

    /// <summary>The endpoints by path.</summary>
    public async Task<IReadOnlyDictionary<string, WebhookEndpoint>> EndpointsAsync(CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        var latest = await context.ProcessDefinitions.MaxAsync(d => (long?)d.Key, cancellationToken).ConfigureAwait(false) ?? 0;
        if (latest == Volatile.Read(ref _builtFrom))
        {
            return _endpoints;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (latest != _builtFrom)
            {
                var keys = await context.ProcessDefinitions.AsNoTracking()
                    .Where(d => d.Version == context.ProcessDefinitions.Where(o => o.BpmnProcessId == d.BpmnProcessId).Max(o => o.Version))
                    .OrderBy(d => d.Key)
                    .Select(d => d.Key)
                    .ToListAsync(cancellationToken).ConfigureAwait(false);
                var byDefinition = new Dictionary<long, List<WebhookEndpoint>>();
                var endpoints = new Dictionary<string, WebhookEndpoint>(StringComparer.Ordinal);
                foreach (var key in keys)
                {
                    if (!_byDefinition.TryGetValue(key, out var declared))
                    {
                        if (definitions.GetByKey(key) is not { } definition)
                        {
                            LogUnknown(key);
                            continue;
                        }

                        declared = Declared(definition.Model).ToList();
                    }

                    byDefinition[key] = declared;
                    foreach (var endpoint in declared)
                    {
                        if (!endpoints.TryAdd(endpoint.Path, endpoint))
                        {
                            LogDuplicate(endpoint.Path, endpoints[endpoint.Path].ProcessId, endpoint.ProcessId);
                        }
                    }
                }

                _byDefinition = byDefinition;
                _endpoints = endpoints;
                Volatile.Write(ref _builtFrom, latest);
            }

            return _endpoints;
        }
        finally
        {
            _gate.Release();
        }
    }

    private IEnumerable<WebhookEndpoint> Declared(ProcessModel model)
    {
        foreach (var node in model.Elements.Values)
        {
            if (node.Event.Kind != EventKind.Message || !node.Properties.TryGetValue(PathProperty, out var path) || node.Event.MessageName is not { } name)
            {
                continue;
            }

            var properties = node.Properties;
            if (!TryExpression(properties.GetValueOrDefault("webhook.correlationKey"), out var correlationKey, out var problem)
                || !TryExpression(properties.GetValueOrDefault("webhook.variables"), out var variables, out problem)
                || !TryExpression(properties.GetValueOrDefault("webhook.condition"), out var condition, out problem)
                || !TryExpression(properties.GetValueOrDefault("webhook.startCondition"), out var startCondition, out problem)
                || !TryDuration(properties.GetValueOrDefault("webhook.timeToLive"), out var timeToLive, out problem))
            {
                LogInvalid(path, model.BpmnProcessId, node.Id, problem!);
                continue;
            }

            yield return new WebhookEndpoint(
                path.Trim('/'),
                model.BpmnProcessId,
                node.Id,
                name.IsExpression ? name.Evaluate(Feel.Values.FeelContext.Empty).Value is Feel.Values.FeelString s ? s.Value : name.Text : name.Literal,
                properties.GetValueOrDefault("webhook.secret", ""),
                properties.GetValueOrDefault("webhook.signatureHeader", DefaultSignatureHeader),
                properties.GetValueOrDefault("webhook.timestampHeader", DefaultTimestampHeader),
                properties.GetValueOrDefault("webhook.deliveryIdHeader", DefaultDeliveryIdHeader),
                correlationKey,
                variables,
                timeToLive,
                condition,
                startCondition);
        }
    }

    private bool TryExpression(string? text, out FeelExpression? expression, out string? problem)
    {
        expression = null;
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (feel.TryParse(text.StartsWith('=') ? text[1..] : text, out expression, out var error))
        {
            return true;
        }

        problem = $"'{text}' is not FEEL: {error}";
        return false;
    }

    private static bool TryDuration(string? text, out TimeSpan duration, out string? problem)
    {
        duration = TimeSpan.FromHours(1);
        problem = null;
        if (text is null)
        {
            return true;
        }

        try
        {
            duration = XmlConvert.ToTimeSpan(text);
            return true;
        }
        catch (FormatException)
        {
            problem = $"webhook.timeToLive '{text}' is not an ISO 8601 duration";
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "webhook {Path} of {Process}/{Element} is ignored: {Problem}")]
    private partial void LogInvalid(string path, string process, string element, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "process definition {Key} is in the database but not loaded by this node; its webhooks are not served")]
    private partial void LogUnknown(long key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "webhook path {Path} is declared by {First} and {Second}; the first wins")]
    private partial void LogDuplicate(string path, string first, string second);
}
