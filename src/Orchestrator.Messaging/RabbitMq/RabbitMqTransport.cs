using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Orchestrator.Messaging.RabbitMq;

/// <summary>
/// RabbitMQ through RabbitMQ.Client: one connection (recovered automatically), a channel per source with manual
/// acknowledgements and a bounded prefetch, durable queues declared on start (with <c>&lt;queue&gt;.dlq</c> beside each),
/// and a channel with publisher confirms for sending. A dead-lettered message is published to <c>&lt;queue&gt;.dlq</c> with
/// its headers and the reason (header <see cref="ReasonHeader"/>), confirmed, then acknowledged.
/// </summary>
public sealed partial class RabbitMqTransport : IMessagingTransport
{
    /// <summary>The header a dead-lettered message carries its reason in.</summary>
    public const string ReasonHeader = "x-orchestrator-dead-letter-reason";

    /// <summary>Prefix of a destination that names an exchange instead of a queue.</summary>
    public const string ExchangePrefix = "exchange/";

    /// <summary>How long a message given back waits before it is requeued.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

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
    public async Task<IAsyncDisposable> ReceiveAsync(MessageSource source, InboundHandler handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(handler);
        if (source.Subscription is not null)
        {
            throw new ArgumentException($"RabbitMQ has no topic subscriptions: bind queue '{source.Queue}' to the exchange instead", nameof(source));
        }

        var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true, consumerDispatchConcurrency: _options.Concurrency),
            cancellationToken).ConfigureAwait(false);
        await DeclareAsync(channel, source.Queue, cancellationToken).ConfigureAwait(false);
        await channel.BasicQosAsync(0, _options.Prefetch, global: false, cancellationToken).ConfigureAwait(false);
        var receiver = new Receiver(this, channel, source, handler);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += receiver.OnReceivedAsync;
        receiver.ConsumerTag = await channel.BasicConsumeAsync(source.Queue, autoAck: false, consumer, cancellationToken).ConfigureAwait(false);
        return receiver;
    }

    /// <inheritdoc />
    public async Task SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await _sending.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_sender is not { IsOpen: true })
            {
                var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
                _sender = await connection.CreateChannelAsync(
                    new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken).ConfigureAwait(false);
            }

            var properties = new BasicProperties
            {
                MessageId = message.MessageId,
                ContentType = "application/json",
                Persistent = true,
                Headers = message.Properties?.ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal),
            };
            if (message.Destination.StartsWith(ExchangePrefix, StringComparison.Ordinal))
            {
                await _sender.BasicPublishAsync(message.Destination[ExchangePrefix.Length..], message.RoutingKey ?? "", mandatory: false, properties, message.Body, cancellationToken)
                    .ConfigureAwait(false);
                return;
            }

            if (!_declared.ContainsKey(message.Destination))
            {
                await _sender.QueueDeclareAsync(message.Destination, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
                _declared[message.Destination] = true;
            }

            // Mandatory: a queue deleted since it was declared makes the publication fail instead of vanishing.
            await _sender.BasicPublishAsync("", message.Destination, mandatory: true, properties, message.Body, cancellationToken).ConfigureAwait(false);
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

    private static async Task DeclareAsync(IChannel channel, string queue, CancellationToken cancellationToken)
    {
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        await channel.QueueDeclareAsync(queue + ".dlq", durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
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

    /// <summary>One source's channel and consumer.</summary>
    private sealed class Receiver(RabbitMqTransport transport, IChannel channel, MessageSource source, InboundHandler handler) : IAsyncDisposable
    {
        // Acknowledgements and dead-letter publications from concurrent handlers go out one at a time.
        private readonly SemaphoreSlim _settling = new(1, 1);

        public string ConsumerTag { get; set; } = "";

        public async Task OnReceivedAsync(object sender, BasicDeliverEventArgs delivery)
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

            if (outcome.Settlement == InboundSettlement.Retry)
            {
                // Not at once: what failed (the database, the engine) gets a moment before the message comes back.
                await Task.Delay(RetryDelay, CancellationToken.None).ConfigureAwait(false);
            }

            await _settling.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                switch (outcome.Settlement)
                {
                    case InboundSettlement.Complete:
                        await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false).ConfigureAwait(false);
                        break;
                    case InboundSettlement.DeadLetter:
                        var headers = delivery.BasicProperties.Headers?.ToDictionary(h => h.Key, h => h.Value, StringComparer.Ordinal) ?? new Dictionary<string, object?>(StringComparer.Ordinal);
                        headers[ReasonHeader] = outcome.Reason ?? "";
                        var properties = new BasicProperties(delivery.BasicProperties) { Headers = headers, Persistent = true };
                        await channel.BasicPublishAsync("", source.Queue + ".dlq", mandatory: true, properties, body).ConfigureAwait(false);
                        await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false).ConfigureAwait(false);
                        transport.LogDeadLettered(message.MessageId, source.Queue, outcome.Reason ?? "");
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

        public async ValueTask DisposeAsync()
        {
            if (channel.IsOpen && ConsumerTag.Length > 0)
            {
                await channel.BasicCancelAsync(ConsumerTag).ConfigureAwait(false);
            }

            await channel.DisposeAsync().ConfigureAwait(false);
            _settling.Dispose();
        }
    }
}
