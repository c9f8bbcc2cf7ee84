using System.Diagnostics;
using System.Text;
using RabbitMQ.Client;

namespace Orchestrator.Testing;

/// <summary>
/// The RabbitMQ the messaging tests run against: <c>ORCHESTRATOR_TEST_RABBITMQ</c> (an AMQP URI) when set, else the broker
/// <c>infra/scripts/start-rabbitmq.sh</c> installs and starts on 127.0.0.1 (as <c>.ci/run</c> does). Publishes and reads
/// messages the way another system would.
/// </summary>
public sealed class RabbitMqBroker : IAsyncDisposable
{
    /// <summary>The variable that names a broker to use instead of starting one.</summary>
    public const string Variable = "ORCHESTRATOR_TEST_RABBITMQ";

    private static readonly Lazy<Uri> Started = new(Start);
    private IConnection? _connection;

    /// <summary>The broker's AMQP URI.</summary>
    public static Uri Uri => Started.Value;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }

    /// <summary>Publishes a persistent JSON message to a queue through the default exchange (the queue declared durable first).</summary>
    public async Task PublishAsync(string queue, string body, string? messageId = null, IDictionary<string, object?>? headers = null)
    {
        await using var channel = await ChannelAsync();
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        var properties = new BasicProperties { MessageId = messageId, ContentType = "application/json", Persistent = true, Headers = headers };
        await channel.BasicPublishAsync("", queue, mandatory: true, properties, Encoding.UTF8.GetBytes(body));
    }

    /// <summary>Publishes many persistent JSON messages to a queue on one channel, each with its message id.</summary>
    public async Task PublishManyAsync(string queue, IEnumerable<(string Body, string MessageId)> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        await using var channel = await ChannelAsync();
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        foreach (var (body, messageId) in messages)
        {
            var properties = new BasicProperties { MessageId = messageId, ContentType = "application/json", Persistent = true };
            await channel.BasicPublishAsync("", queue, mandatory: true, properties, Encoding.UTF8.GetBytes(body));
        }
    }

    /// <summary>Takes one message off a queue (acknowledged), or null when none is there.</summary>
    public async Task<BasicGetResult?> TakeAsync(string queue)
    {
        await using var channel = await ChannelAsync();
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        return await channel.BasicGetAsync(queue, autoAck: true);
    }

    /// <summary>How many messages wait in a queue (those delivered but not yet acknowledged are not counted).</summary>
    public async Task<uint> CountAsync(string queue)
    {
        await using var channel = await ChannelAsync();
        return (await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false)).MessageCount;
    }

    /// <summary>How many consumers receive from a queue.</summary>
    public async Task<uint> ConsumersAsync(string queue)
    {
        await using var channel = await ChannelAsync();
        return (await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false)).ConsumerCount;
    }

    private async Task<IChannel> ChannelAsync()
    {
        _connection ??= await new ConnectionFactory { Uri = Uri }.CreateConnectionAsync();
        return await _connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
    }

    private static Uri Start()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured)
        {
            return new Uri(configured);
        }

        var script = Path.Combine(Repository.Root, "infra", "scripts", "start-rabbitmq.sh");
        using var process = Process.Start(new ProcessStartInfo("bash", [script]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} failed ({process.ExitCode}); set {Variable} to a broker's AMQP URI instead:\n{errors}");
        }

        return new Uri(output.Trim());
    }
}
