using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace Orchestrator.Messaging.RabbitMq;

/// <summary>
/// RabbitMQ through RabbitMQ.Client: one connection (recovered automatically), a channel per source with manual
/// acknowledgements and a bounded prefetch, durable queues declared on start (with <c>&lt;queue&gt;.dlq</c> beside each; a queue
/// that exists with other arguments is used as it is), and a channel with publisher confirms for sending. A dead-lettered
/// message is published to <c>&lt;queue&gt;.dlq</c> with its headers and the reason (header <see cref="ReasonHeader"/>),
/// confirmed, then acknowledged; when that cannot be done it is given back instead, never left unacknowledged.
/// </summary>
public sealed partial class RabbitMqTransport : IMessagingTransport
{
    /// <summary>The header a dead-lettered message carries its reason in.</summary>
    public const string ReasonHeader = "x-orchestrator-dead-letter-reason";

    /// <summary>Prefix of a destination that names an exchange instead of a queue.</summary>
    public const string ExchangePrefix = "exchange/";

    // PRECONDITION_FAILED: a queue declared with arguments other than those it exists with.
    private const ushort PreconditionFailed = 406;

    private readonly RabbitMqOptions _options;
    private readonly ILogger<RabbitMqTransport> _logger;
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly ConcurrentDictionary<string, bool> _declared = new(StringComparer.Ordinal);
    private IConnection? _connection;
    private IChannel? _sender;

    /// <summary>Creates the transport; it connects on first use.</summary>
    public RabbitMqTransport(RabbitMqOptions options, ILogger<RabbitMqTransport> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Uri is null)
        {
            throw new ArgumentException("Messaging:RabbitMq:Uri must be set (amqp://user:password@host:5672/vhost)", nameof(options));
        }

        _options = options;
        _logger = logger;
    }

    /// <inheritdoc />
    public string Name => "RabbitMq";

    /// <inheritdoc />
    public async Task<IMessageReceiver> ReceiveAsync(MessageSource source, InboundHandler handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(handler);
        if (source.Subscription is not null)
        {
            throw new ArgumentException($"RabbitMQ has no topic subscriptions ({source.Name}): bind a queue (messaging.queue), bound to the exchange", nameof(source));
        }

        var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);

        // Messages of a source that asks for ordered handling go one at a time (on each node).
        var concurrency = source.Sessions ? (ushort)1 : _options.Concurrency;
        var options = new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true, consumerDispatchConcurrency: concurrency);
        var channel = await DeclaredAsync(connection, options, source.Queue, cancellationToken).ConfigureAwait(false);
        try
        {
            channel = await DeclaredAsync(connection, options, source.Queue + ".dlq", cancellationToken, channel).ConfigureAwait(false);
            await channel.BasicQosAsync(0, _options.Prefetch, global: false, cancellationToken).ConfigureAwait(false);
            var consumer = new AsyncEventingBasicConsumer(channel);
            var receiver = new Receiver(this, connection, channel, consumer, source, handler);
            consumer.ReceivedAsync += receiver.OnReceivedAsync;
            receiver.ConsumerTag = await channel.BasicConsumeAsync(source.Queue, autoAck: false, consumer, cancellationToken).ConfigureAwait(false);
            return receiver;
        }
        catch
        {
            await channel.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async Task SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await _sending.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var properties = new BasicProperties
            {
                MessageId = message.MessageId,
                ContentType = "application/json",
                Persistent = true,
                Headers = message.Properties?.ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal),
            };
            await OpenSenderAsync(cancellationToken).ConfigureAwait(false);
            if (message.Destination.StartsWith(ExchangePrefix, StringComparison.Ordinal))
            {
                await _sender!.BasicPublishAsync(message.Destination[ExchangePrefix.Length..], message.RoutingKey ?? "", mandatory: false, properties, message.Body, cancellationToken)
                    .ConfigureAwait(false);
                return;
            }

            try
            {
                await PublishToQueueAsync(message.Destination, properties, message.Body, cancellationToken).ConfigureAwait(false);
            }
            catch (PublishException exception) when (exception.IsReturn)
            {
                // The queue was deleted since it was declared: declare it again and send once more.
                _declared.TryRemove(message.Destination, out _);
                await PublishToQueueAsync(message.Destination, properties, message.Body, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_sender is not null)
        {
            await _sender.DisposeAsync().ConfigureAwait(false);
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }

        _connecting.Dispose();
        _sending.Dispose();
    }

    /// <summary>Publishes to a queue through the default exchange on the sender channel, declaring the queue first the first time.</summary>
    private async Task PublishToQueueAsync(string queue, BasicProperties properties, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        if (!_declared.ContainsKey(queue))
        {
            // A queue the shop declared with other arguments closes the channel: the sender goes on with the one it gets back.
            _sender = await DeclaredAsync(_connection!, SenderOptions, queue, cancellationToken, _sender).ConfigureAwait(false);
            _declared[queue] = true;
        }

        // Mandatory: a queue deleted since it was declared makes the publication fail instead of vanishing.
        await _sender!.BasicPublishAsync("", queue, mandatory: true, properties, body, cancellationToken).ConfigureAwait(false);
    }

    private static CreateChannelOptions SenderOptions => new(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true);

    /// <summary>Opens the sender channel (again, when it was closed).</summary>
    private async Task OpenSenderAsync(CancellationToken cancellationToken)
    {
        if (_sender is { IsOpen: true })
        {
            return;
        }

        var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        if (_sender is not null)
        {
            await _sender.DisposeAsync().ConfigureAwait(false);
        }

        _sender = await connection.CreateChannelAsync(SenderOptions, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Declares <paramref name="queue"/> durable on <paramref name="channel"/> (a new one when null). A queue that exists with other
    /// arguments (the shop's own limits) closes that channel: it is checked on a new one and used as it is. Returns the channel
    /// to go on with.
    /// </summary>
    private static async Task<IChannel> DeclaredAsync(IConnection connection, CreateChannelOptions options, string queue, CancellationToken cancellationToken, IChannel? channel = null)
    {
        channel ??= await connection.CreateChannelAsync(options, cancellationToken).ConfigureAwait(false);
        try
        {
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
            return channel;
        }
        catch (OperationInterruptedException exception) when (exception.ShutdownReason?.ReplyCode == PreconditionFailed)
        {
            await channel.DisposeAsync().ConfigureAwait(false);
        }
        catch
        {
            await channel.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var fresh = await connection.CreateChannelAsync(options, cancellationToken).ConfigureAwait(false);
        try
        {
            await fresh.QueueDeclarePassiveAsync(queue, cancellationToken).ConfigureAwait(false);
            return fresh;
        }
        catch
        {
            await fresh.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task<IConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        if (_connection is { } open)
        {
            return open;
        }

        await _connecting.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_connection is null)
            {
                var factory = new ConnectionFactory { Uri = _options.Uri!, AutomaticRecoveryEnabled = true, TopologyRecoveryEnabled = true, ClientProvidedName = "orchestrator" };
                _connection = await factory.CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
            }

            return _connection;
        }
        finally
        {
            _connecting.Release();
        }
    }

    private static Dictionary<string, string> Headers(IReadOnlyBasicProperties properties)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in properties.Headers ?? new Dictionary<string, object?>())
        {
            // AMQP long strings arrive as bytes.
            headers[name] = value switch
            {
                byte[] bytes => Encoding.UTF8.GetString(bytes),
                null => "",
                _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
            };
        }

        return headers;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "RabbitMQ message {MessageId} from {Queue} was dead-lettered to {Queue}.dlq: {Reason}")]
    private partial void LogDeadLettered(string messageId, string queue, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "RabbitMQ message {MessageId} from {Queue} is given back to be delivered again: {Reason}")]
    private partial void LogRetry(string messageId, string queue, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "RabbitMQ message {MessageId} from {Queue}: its handler failed; it is given back to be delivered again")]
    private partial void LogHandlerFailed(string messageId, string queue, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "RabbitMQ message {MessageId} from {Queue} could not be settled; the broker delivers it again once its channel is gone")]
    private partial void LogSettleFailed(string messageId, string queue, Exception exception);

    /// <summary>One source's channel and consumer.</summary>
    private sealed class Receiver(
        RabbitMqTransport transport, IConnection connection, IChannel channel, AsyncEventingBasicConsumer consumer, MessageSource source, InboundHandler handler)
        : IMessageReceiver
    {
        // Acknowledgements and dead-letter publications from concurrent handlers go out one at a time.
        private readonly SemaphoreSlim _settling = new(1, 1);
        private readonly TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _handling;
        private volatile bool _stopping;

        public string ConsumerTag { get; set; } = "";

        // A connection that is down is being recovered (its channels and consumers with it); a channel or consumer that is gone
        // while the connection is up is not.
        public bool IsReceiving => !_stopping && (!connection.IsOpen || (channel.IsOpen && consumer.IsRunning));

        public async Task OnReceivedAsync(object sender, BasicDeliverEventArgs delivery)
        {
            Interlocked.Increment(ref _handling);
            try
            {
                await HandleAsync(delivery).ConfigureAwait(false);
            }
            finally
            {
                if (Interlocked.Decrement(ref _handling) == 0 && _stopping)
                {
                    _idle.TrySetResult();
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            _stopping = true;
            if (channel.IsOpen && ConsumerTag.Length > 0)
            {
                try
                {
                    await channel.BasicCancelAsync(ConsumerTag).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is OperationInterruptedException or AlreadyClosedException)
                {
                    // The channel went meanwhile.
                }
            }

            // Messages being handled are settled before the channel goes (or given back with it, after a while).
            if (Volatile.Read(ref _handling) > 0)
            {
                await _idle.Task.WaitAsync(TimeSpan.FromSeconds(30)).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            }

            await channel.DisposeAsync().ConfigureAwait(false);
            _settling.Dispose();
        }

        private async Task HandleAsync(BasicDeliverEventArgs delivery)
        {
            // The body's memory belongs to the client only until this handler returns.
            var body = delivery.Body.ToArray();
            var message = new InboundMessage(
                delivery.BasicProperties.MessageId ?? "", body, Headers(delivery.BasicProperties), delivery.BasicProperties.ContentType, null, delivery.Redelivered);
            InboundOutcome outcome;
            try
            {
                outcome = await handler(message, delivery.CancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                transport.LogHandlerFailed(message.MessageId, source.Queue, exception);
                outcome = InboundOutcome.Retry(exception.Message);
            }

            try
            {
                await SettleAsync(delivery, message, body, outcome).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // The channel is gone (the broker gives the message to another consumer) or refused the settlement.
                transport.LogSettleFailed(message.MessageId, source.Queue, exception);
            }
        }

        private async Task SettleAsync(BasicDeliverEventArgs delivery, InboundMessage message, byte[] body, InboundOutcome outcome)
        {
            if (outcome.Settlement == InboundSettlement.Retry)
            {
                await Task.Delay(InboundOutcome.RetryDelay, CancellationToken.None).ConfigureAwait(false);
            }

            await _settling.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                switch (outcome.Settlement)
                {
                    case InboundSettlement.Complete:
                        await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false).ConfigureAwait(false);
                        break;
                    case InboundSettlement.DeadLetter when await TryDeadLetterAsync(delivery, body, outcome.Reason ?? "").ConfigureAwait(false):
                        await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false).ConfigureAwait(false);
                        transport.LogDeadLettered(message.MessageId, source.Queue, outcome.Reason ?? "");
                        break;
                    case InboundSettlement.DeadLetter:
                        await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true).ConfigureAwait(false);
                        transport.LogRetry(message.MessageId, source.Queue, $"{source.Queue}.dlq cannot take it ({outcome.Reason})");
                        break;
                    default:
                        await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true).ConfigureAwait(false);
                        transport.LogRetry(message.MessageId, source.Queue, outcome.Reason ?? "");
                        break;
                }
            }
            finally
            {
                _settling.Release();
            }
        }

        /// <summary>Publishes to the dead-letter queue (declared again when it was deleted); false when it cannot be done.</summary>
        private async Task<bool> TryDeadLetterAsync(BasicDeliverEventArgs delivery, byte[] body, string reason)
        {
            var headers = delivery.BasicProperties.Headers?.ToDictionary(h => h.Key, h => h.Value, StringComparer.Ordinal) ?? new Dictionary<string, object?>(StringComparer.Ordinal);
            headers[ReasonHeader] = reason;
            var properties = new BasicProperties(delivery.BasicProperties) { Headers = headers, Persistent = true };
            for (var attempt = 0; attempt < 2; attempt++)
            {
                try
                {
                    await channel.BasicPublishAsync("", source.Queue + ".dlq", mandatory: true, properties, body).ConfigureAwait(false);
                    return true;
                }
                catch (PublishException exception) when (exception.IsReturn && attempt == 0)
                {
                    await channel.QueueDeclareAsync(source.Queue + ".dlq", durable: true, exclusive: false, autoDelete: false).ConfigureAwait(false);
                }
                catch (PublishException)
                {
                    return false;
                }
            }

            return false;
        }
    }
}
