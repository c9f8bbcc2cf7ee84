using System.Collections.Concurrent;
using System.Globalization;
using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Logging;

namespace Orchestrator.Messaging.ServiceBus;

/// <summary>
/// Azure Service Bus through Azure.Messaging.ServiceBus: a processor per source in peek-lock mode (a session processor where
/// the source asks for sessions, so a session's messages are handled one at a time, in order), messages completed,
/// dead-lettered with the reason (the broker's own dead-letter queue) or abandoned only after the handler returned;
/// senders cached per queue or topic. Connects with <c>Messaging:ServiceBus:ConnectionString</c>, or to
/// <c>FullyQualifiedNamespace</c> with Azure.Identity's <see cref="DefaultAzureCredential"/>.
/// </summary>
public sealed partial class ServiceBusTransport : IMessagingTransport
{
    /// <summary>The dead-letter reason Service Bus shows; the description says why.</summary>
    public const string DeadLetterReason = "orchestrator";

    private readonly ServiceBusOptions _options;
    private readonly ILogger<ServiceBusTransport> _logger;
    private readonly ServiceBusClient _client;
    private readonly ConcurrentDictionary<string, ServiceBusSender> _senders = new(StringComparer.Ordinal);

    /// <summary>Creates the transport.</summary>
    public ServiceBusTransport(ServiceBusOptions options, ILogger<ServiceBusTransport> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _logger = logger;
        _client = !string.IsNullOrEmpty(options.ConnectionString)
            ? new ServiceBusClient(options.ConnectionString)
            : !string.IsNullOrEmpty(options.FullyQualifiedNamespace)
                ? new ServiceBusClient(options.FullyQualifiedNamespace, new DefaultAzureCredential())
                : throw new ArgumentException("set Messaging:ServiceBus:ConnectionString or Messaging:ServiceBus:FullyQualifiedNamespace", nameof(options));
    }

    /// <inheritdoc />
    public string Name => "ServiceBus";

    /// <inheritdoc />
    public async Task<IMessageReceiver> ReceiveAsync(MessageSource source, InboundHandler handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(handler);
        if (source.Sessions)
        {
            var options = new ServiceBusSessionProcessorOptions
            {
                AutoCompleteMessages = false, PrefetchCount = _options.PrefetchCount, MaxConcurrentSessions = _options.MaxConcurrentCalls,
            };
            var sessions = source.Subscription is null ? _client.CreateSessionProcessor(source.Queue, options) : _client.CreateSessionProcessor(source.Queue, source.Subscription, options);
            sessions.ProcessMessageAsync += args => HandleAsync(source, handler, args.Message, new Settler(args), args.CancellationToken);
            sessions.ProcessErrorAsync += OnErrorAsync;
            await sessions.StartProcessingAsync(cancellationToken).ConfigureAwait(false);
            return new Processing(() => sessions.IsProcessing, sessions.DisposeAsync);
        }

        var processorOptions = new ServiceBusProcessorOptions
        {
            AutoCompleteMessages = false, PrefetchCount = _options.PrefetchCount, MaxConcurrentCalls = _options.MaxConcurrentCalls,
        };
        var processor = source.Subscription is null ? _client.CreateProcessor(source.Queue, processorOptions) : _client.CreateProcessor(source.Queue, source.Subscription, processorOptions);
        processor.ProcessMessageAsync += args => HandleAsync(source, handler, args.Message, new Settler(args), args.CancellationToken);
        processor.ProcessErrorAsync += OnErrorAsync;
        await processor.StartProcessingAsync(cancellationToken).ConfigureAwait(false);
        return new Processing(() => processor.IsProcessing, processor.DisposeAsync);
    }

    /// <inheritdoc />
    public async Task SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var sender = _senders.GetOrAdd(message.Destination, _client.CreateSender);
        await sender.SendMessageAsync(ToServiceBus(message), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var sender in _senders.Values)
        {
            await sender.DisposeAsync().ConfigureAwait(false);
        }

        await _client.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>A received Service Bus message as the port sees it: its id, body, application properties as text, content type and session.</summary>
    public static InboundMessage ToInbound(ServiceBusReceivedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var properties = message.ApplicationProperties.ToDictionary(
            p => p.Key, p => Convert.ToString(p.Value, CultureInfo.InvariantCulture) ?? "", StringComparer.Ordinal);
        return new InboundMessage(message.MessageId ?? "", message.Body.ToMemory(), properties, message.ContentType, message.SessionId, message.DeliveryCount > 1);
    }

    /// <summary>The Service Bus message for an outbound one: id, session, JSON content type and application properties.</summary>
    public static ServiceBusMessage ToServiceBus(OutboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var result = new ServiceBusMessage(BinaryData.FromBytes(message.Body)) { MessageId = message.MessageId, ContentType = "application/json" };
        if (message.SessionId is { } session)
        {
            result.SessionId = session;
        }

        foreach (var (name, value) in message.Properties ?? new Dictionary<string, string>())
        {
            result.ApplicationProperties[name] = value;
        }

        return result;
    }

    /// <summary>Hands a received message to the handler and settles it as the handler says (a handler that throws: abandoned).</summary>
    internal async Task HandleAsync(MessageSource source, InboundHandler handler, ServiceBusReceivedMessage received, ISettler settler, CancellationToken cancellationToken)
    {
        InboundOutcome outcome;
        try
        {
            outcome = await handler(ToInbound(received), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogHandlerFailed(received.MessageId, source.Name, exception);
            outcome = InboundOutcome.Retry(exception.Message);
        }

        switch (outcome.Settlement)
        {
            case InboundSettlement.Complete:
                await settler.CompleteAsync(received).ConfigureAwait(false);
                break;
            case InboundSettlement.DeadLetter:
                await settler.DeadLetterAsync(received, outcome.Reason ?? "").ConfigureAwait(false);
                LogDeadLettered(received.MessageId, source.Name, outcome.Reason ?? "");
                break;
            default:
                // Not at once: the broker dead-letters a message abandoned MaxDeliveryCount times, and what failed (the database)
                // gets a moment.
                await Task.Delay(RetryDelay, CancellationToken.None).ConfigureAwait(false);
                await settler.AbandonAsync(received).ConfigureAwait(false);
                LogRetry(received.MessageId, source.Name, outcome.Reason ?? "");
                break;
        }
    }

    private Task OnErrorAsync(ProcessErrorEventArgs args)
    {
        LogProcessorError(args.EntityPath, args.ErrorSource.ToString(), args.Exception);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Service Bus message {MessageId} from {Source} was dead-lettered: {Reason}")]
    private partial void LogDeadLettered(string messageId, string source, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Service Bus message {MessageId} from {Source} was abandoned to be delivered again: {Reason}")]
    private partial void LogRetry(string messageId, string source, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Service Bus message {MessageId} from {Source}: its handler failed; it is abandoned to be delivered again")]
    private partial void LogHandlerFailed(string messageId, string source, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Service Bus processor of {Entity} ({ErrorSource}) failed")]
    private partial void LogProcessorError(string entity, string errorSource, Exception exception);

    /// <summary>How long a message given back waits before it is abandoned (<see cref="InboundOutcome.RetryDelay"/>; tests shorten it).</summary>
    internal TimeSpan RetryDelay { get; init; } = InboundOutcome.RetryDelay;

    /// <summary>A started processor of either kind.</summary>
    private sealed class Processing(Func<bool> isProcessing, Func<ValueTask> dispose) : IMessageReceiver
    {
        public bool IsReceiving => isProcessing();

        public ValueTask DisposeAsync() => dispose();
    }

    /// <summary>How a processor's message is settled (the event arguments of either processor kind).</summary>
    internal interface ISettler
    {
        Task CompleteAsync(ServiceBusReceivedMessage message);

        Task DeadLetterAsync(ServiceBusReceivedMessage message, string reason);

        Task AbandonAsync(ServiceBusReceivedMessage message);
    }

    private sealed class Settler : ISettler
    {
        private readonly Func<ServiceBusReceivedMessage, Task> _complete;
        private readonly Func<ServiceBusReceivedMessage, string, Task> _deadLetter;
        private readonly Func<ServiceBusReceivedMessage, Task> _abandon;

        public Settler(ProcessMessageEventArgs args)
        {
            _complete = m => args.CompleteMessageAsync(m);
            _deadLetter = (m, reason) => args.DeadLetterMessageAsync(m, DeadLetterReason, Truncate(reason));
            _abandon = m => args.AbandonMessageAsync(m);
        }

        public Settler(ProcessSessionMessageEventArgs args)
        {
            _complete = m => args.CompleteMessageAsync(m);
            _deadLetter = (m, reason) => args.DeadLetterMessageAsync(m, DeadLetterReason, Truncate(reason));
            _abandon = m => args.AbandonMessageAsync(m);
        }

        public Task CompleteAsync(ServiceBusReceivedMessage message) => _complete(message);

        public Task DeadLetterAsync(ServiceBusReceivedMessage message, string reason) => _deadLetter(message, reason);

        public Task AbandonAsync(ServiceBusReceivedMessage message) => _abandon(message);

        // Service Bus refuses a dead-letter description over 4,096 characters.
        private static string Truncate(string reason) => reason.Length <= 4096 ? reason : reason[..4093] + "...";
    }
}
