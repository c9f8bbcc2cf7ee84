using System.Globalization;
using System.Text;
using Orchestrator.Engine;
using Orchestrator.Feel.Json;
using Orchestrator.Feel.Values;
using Orchestrator.Messaging;
using Orchestrator.Workers;

namespace Orchestrator.Server.Messaging;

/// <summary>
/// The <c>messaging.send</c> connector: sends the job's <c>body</c> variable (any JSON, usually set by an input mapping) to
/// the queue or topic its task header <c>destination</c> names, with the optional <c>properties</c> (a context of texts) and
/// <c>sessionId</c> variables, and on a RabbitMQ exchange the <c>routingKey</c> header. The message id is the job key, so a
/// retried job never sends twice to a deduplicating queue. Without a broker (<c>Messaging:Provider</c> None) the job fails
/// with that reason, and so raises an incident once its retries are spent.
/// </summary>
public sealed class MessagingSendHandler(IServiceProvider services) : IJobHandler
{
    /// <summary>The task type.</summary>
    public const string TaskType = "messaging.send";

    /// <inheritdoc />
    public string Type => TaskType;

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, FeelValue>?> HandleAsync(ActivatedJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var transport = services.GetService<IMessagingTransport>()
            ?? throw new InvalidOperationException("no broker is configured (Messaging:Provider is None): messaging.send cannot send");
        if (!job.CustomHeaders.TryGetValue("destination", out var destination) || string.IsNullOrWhiteSpace(destination))
        {
            throw new InvalidOperationException("messaging.send needs the task header 'destination' (a queue or topic; exchange/<name> for a RabbitMQ exchange)");
        }

        var body = job.Variables.TryGetValue("body", out var value) ? value : FeelNull.Instance;
        var properties = job.Variables.GetValueOrDefault("properties") switch
        {
            null or FeelNull => null,
            FeelContext context => context.Entries.ToDictionary(e => e.Key, e => e.Value is FeelString s ? s.Value : FeelJson.ToJsonString(e.Value), StringComparer.Ordinal),
            var other => throw new InvalidOperationException($"messaging.send: the variable 'properties' must be a context, not {other.TypeName}"),
        };
        var sessionId = job.Variables.GetValueOrDefault("sessionId") is FeelString { Value.Length: > 0 } session ? session.Value : null;
        var message = new OutboundMessage(
            destination, Encoding.UTF8.GetBytes(FeelJson.ToJsonString(body)), job.Key.ToString(CultureInfo.InvariantCulture), properties, sessionId,
            job.CustomHeaders.GetValueOrDefault("routingKey"));
        await transport.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return null;
    }
}
