using System.Text;
using Microsoft.Extensions.Options;
using Orchestrator.Engine.Execution;
using Orchestrator.Feel.Values;
using Orchestrator.Messaging;
using Orchestrator.Server.Hosting;

namespace Orchestrator.Server.Messaging;

/// <summary>
/// Receives from every source the deployed models bind (looked at again every <see cref="Refresh"/>, so a deployment's new
/// queues are served within seconds and a queue no model binds any more is let go) and publishes each message as its binding
/// says, restarting a receiver the broker stopped (its queue deleted, its channel closed) and logging a source that cannot be
/// served without holding up the others. A message is settled only after its publication is durable; its id (<c>messaging:{source}:{broker message id}</c>),
/// kept for <see cref="MessagingOptions.DeduplicationWindow"/> whatever the message's time to live, makes a redelivery a
/// duplicate the engine refuses, which is acknowledged without a second effect. A message that can never
/// be handled — not JSON, a FEEL error, no correlation key for a catch event, a process that cannot take it — goes to the
/// dead-letter queue with the reason; one that fails for a passing cause (the database) is given back.
/// </summary>
public sealed partial class MessagingReceiver(
    IMessagingTransport transport, MessagingRegistry registry, EngineHost host, IOptions<MessagingOptions> options, ILogger<MessagingReceiver> logger) : BackgroundService
{
    /// <summary>How often the bindings are looked at again.</summary>
    public static readonly TimeSpan Refresh = TimeSpan.FromSeconds(2);

    private readonly Dictionary<string, IMessageReceiver> _receiving = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _failing = new(StringComparer.Ordinal);
    private volatile IReadOnlyDictionary<string, MessagingBinding> _bindings = new Dictionary<string, MessagingBinding>();

    /// <summary>The message id a broker message publishes under.</summary>
    public static string MessageIdOf(MessageSource source, string brokerMessageId) => $"messaging:{source.Name}:{brokerMessageId}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await SyncAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException and not OutOfMemoryException)
                {
                    // The database is away: try again on the next round.
                    LogSyncFailed(transport.Name, exception);
                }

                await Task.Delay(Refresh, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            foreach (var receiving in _receiving.Values)
            {
                await receiving.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task SyncAsync(CancellationToken cancellationToken)
    {
        var bindings = await registry.BindingsAsync(cancellationToken).ConfigureAwait(false);
        _bindings = bindings;
        foreach (var (name, receiver) in _receiving.ToList())
        {
            if (!bindings.ContainsKey(name) || !receiver.IsReceiving)
            {
                // Unbound, or stopped for good (its queue deleted, its channel closed by the broker): let go; a bound one starts again below.
                await receiver.DisposeAsync().ConfigureAwait(false);
                _receiving.Remove(name);
                LogStopped(name, bindings.ContainsKey(name) ? "the broker stopped delivering; starting again" : "no deployed model binds it any more");
            }
        }

        foreach (var (name, binding) in bindings)
        {
            if (_receiving.ContainsKey(name))
            {
                continue;
            }

            // One source that cannot be served (a topic on RabbitMQ, a broker that refuses it) is logged once and left out; the others go on.
            try
            {
                _receiving[name] = await transport.ReceiveAsync(binding.Source, (message, ct) => HandleAsync(name, message), cancellationToken).ConfigureAwait(false);
                _failing.Remove(name);
                LogReceiving(transport.Name, name, binding.ProcessId, binding.ElementId);
            }
            catch (Exception exception) when (exception is not OperationCanceledException and not OutOfMemoryException)
            {
                if (_failing.GetValueOrDefault(name) != exception.Message)
                {
                    _failing[name] = exception.Message;
                    LogSourceFailed(transport.Name, name, binding.ProcessId, binding.ElementId, exception.Message);
                }
            }
        }
    }

    private async Task<InboundOutcome> HandleAsync(string sourceName, InboundMessage message)
    {
        if (!_bindings.TryGetValue(sourceName, out var binding))
        {
            return InboundOutcome.Retry($"no deployed model binds {sourceName} any more");
        }

        var where = $"{sourceName} of {binding.ProcessId}/{binding.ElementId}";
        MessagePublication? publication;
        try
        {
            var properties = new FeelContext(message.Properties.Select(p => KeyValuePair.Create(p.Key, (FeelValue)new FeelString(p.Value))));
            var request = new FeelContext([
                KeyValuePair.Create("body", MessagePublication.ParseBody(Encoding.UTF8.GetString(message.Body.Span))),
                KeyValuePair.Create("properties", (FeelValue)properties),
            ]);
            publication = MessagePublication.Prepare(request, binding.Declaration, where);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Whatever the message is, reading it again gives the same: it can never be handled (not JSON, too large or deep, a FEEL failure).
            return InboundOutcome.DeadLetter(exception is InvalidDataException ? exception.Message : $"{where}: {exception.Message}");
        }

        if (publication is null)
        {
            // Its condition left it out.
            return InboundOutcome.Completed;
        }

        if (!binding.IsStart && publication.CorrelationKey.Length == 0)
        {
            return InboundOutcome.DeadLetter($"{where}: the message has no correlation key (messaging.correlationKey gave none)");
        }

        var messageId = message.MessageId.Length == 0 ? null : MessageIdOf(binding.Source, message.MessageId);
        try
        {
            var keepIdFor = options.Value.DeduplicationWindow;
            await host.RunAsync(engine => engine.PublishMessage(
                binding.MessageName, publication.CorrelationKey, binding.TimeToLive, messageId, publication.Variables, publication.MayStart, keepIdFor)).ConfigureAwait(false);
            return InboundOutcome.Completed;
        }
        catch (EngineException exception) when (exception.Error == EngineError.InvalidState && messageId is not null)
        {
            // Published before (a redelivery after a crash or a lost acknowledgement): nothing more to do once that publication
            // is durable — it may still be on its way to the database when the redelivery comes.
            await host.Store.WhenSettled().ConfigureAwait(false);
            LogDuplicate(sourceName, message.MessageId);
            return InboundOutcome.Completed;
        }
        catch (EngineException exception)
        {
            return InboundOutcome.DeadLetter($"{where}: {exception.Message}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Broker}: receiving from {Source} for {Process}/{Element}")]
    private partial void LogReceiving(string broker, string source, string process, string element);

    [LoggerMessage(Level = LogLevel.Information, Message = "no longer receiving from {Source}: {Why}")]
    private partial void LogStopped(string source, string why);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Broker}: cannot receive from {Source} for {Process}/{Element}: {Problem}; trying again every few seconds")]
    private partial void LogSourceFailed(string broker, string source, string process, string element, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "message {MessageId} from {Source} was published before: acknowledged again")]
    private partial void LogDuplicate(string source, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Broker}: could not bring the receivers up to date; trying again shortly")]
    private partial void LogSyncFailed(string broker, Exception exception);
}
