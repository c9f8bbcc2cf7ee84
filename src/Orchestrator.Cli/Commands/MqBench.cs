using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using RabbitMQ.Client;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// <c>orchestrator bench-mq</c>: drives a running server (with <c>Messaging:Provider RabbitMq</c>) through its broker. It deploys
/// a model whose start event binds one queue and whose catch event binds another; starts N instances by message, then
/// publishes N correlating messages at the offered rate, each carrying the time it was sent. Reports the correlated
/// messages per second and p50/p99 of message sent → catch event completed (the engine's time of the correlation, on the same
/// clock: run it on the server's machine). A warm-up round comes first and is not measured.
/// </summary>
internal sealed class MqBench(TextWriter output)
{
    private const string Model = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="bench-mq" targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:message id="begin" name="bench.mq.begin.{r}" />
          <bpmn:message id="scanned" name="bench.mq.scan.{r}"><bpmn:extensionElements><zeebe:subscription correlationKey="=id" /></bpmn:extensionElements></bpmn:message>
          <bpmn:process id="bench-mq-{r}" isExecutable="true">
            <bpmn:startEvent id="start">
              <bpmn:extensionElements><zeebe:properties>
                <zeebe:property name="messaging.queue" value="bench-mq-{r}-start" />
                <zeebe:property name="messaging.variables" value="={id: body.id}" />
              </zeebe:properties></bpmn:extensionElements>
              <bpmn:messageEventDefinition messageRef="begin" />
            </bpmn:startEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="scan" />
            <bpmn:intermediateCatchEvent id="scan">
              <bpmn:extensionElements><zeebe:properties>
                <zeebe:property name="messaging.queue" value="bench-mq-{r}-scan" />
                <zeebe:property name="messaging.correlationKey" value="=body.id" />
                <zeebe:property name="messaging.variables" value="={sentAt: body.sentAt}" />
              </zeebe:properties></bpmn:extensionElements>
              <bpmn:messageEventDefinition messageRef="scanned" />
            </bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f2" sourceRef="scan" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private const int Publishers = 4;

    public async Task<int> RunAsync(Uri url, Uri amqp, int messages, int warmUp, int rate)
    {
        if (messages <= 0 || warmUp < 0 || rate <= 0)
        {
            output.WriteLine("error: --messages and --rate must be greater than zero, --warmup zero or more");
            return 1;
        }

        // A process (and queues) of its own for each round: the warm-up's instances never count in the measured one.
        var run = Guid.NewGuid().ToString("N")[..8];
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromMinutes(2) };
        using (var content = new MultipartFormDataContent
        {
            { new StringContent(Model.Replace("{r}", run + "w", StringComparison.Ordinal)), "resources", "bench-mq-warm-up.bpmn" },
            { new StringContent(Model.Replace("{r}", run + "m", StringComparison.Ordinal)), "resources", "bench-mq.bpmn" },
        })
        {
            (await http.PostAsync("/v2/deployments", content)).EnsureSuccessStatusCode();
        }

        await using var connection = await new ConnectionFactory { Uri = amqp }.CreateConnectionAsync();
        var channels = new List<IChannel>();
        for (var i = 0; i < Publishers; i++)
        {
            channels.Add(await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true)));
        }

        try
        {
            if (!await WaitAsync(() => ConsumersAsync(channels[0], $"bench-mq-{run}m-scan"), c => c > 0))
            {
                output.WriteLine($"error: {url} does not receive from bench-mq-{run}m-scan: is Messaging:Provider RabbitMq, on the same broker?");
                return 1;
            }

            if (warmUp > 0 && await RoundAsync(http, channels, run + "w", warmUp, rate) is null)
            {
                return 1;
            }

            if (await RoundAsync(http, channels, run + "m", messages, rate) is not { } measured)
            {
                return 1;
            }

            var (latencies, seconds) = measured;
            output.WriteLine($"server:       {url} (broker {amqp.Host}:{amqp.Port})");
            output.WriteLine($"messages:     {messages} correlated after {warmUp} to warm up, offered at {rate}/s from {Publishers} publishers with confirms");
            output.WriteLine($"throughput:   {messages / seconds:N0} messages/s correlated ({seconds * 1000:N0} ms from the first sent to the last correlated)");
            output.WriteLine($"latency:      p50 {Percentile(latencies, 0.50):N1} ms, p99 {Percentile(latencies, 0.99):N1} ms, max {latencies.Max():N1} ms (sent → catch event completed)");
            return 0;
        }
        finally
        {
            foreach (var channel in channels)
            {
                await channel.DisposeAsync();
            }
        }
    }

    /// <summary>Starts <paramref name="count"/> instances by message, then correlates one message to each at the offered rate; null on a timeout.</summary>
    private async Task<(List<double> Latencies, double Seconds)?> RoundAsync(HttpClient http, List<IChannel> channels, string round, int count, int rate)
    {
        await PublishAsync(channels, $"bench-mq-{round}-start", count, rate, i => $$"""{"id": "{{i}}"}""");
        if (!await WaitAsync(() => CountAsync(http, round, "ACTIVE"), n => n >= count))
        {
            output.WriteLine($"error: the {count} instances did not all start within 10 minutes");
            return null;
        }

        await PublishAsync(channels, $"bench-mq-{round}-scan", count, rate, i => $$"""{"id": "{{i}}", "sentAt": {{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}}}""");
        if (!await WaitAsync(() => CountAsync(http, round, "COMPLETED"), n => n >= count))
        {
            output.WriteLine($"error: the {count} messages did not all correlate within 10 minutes");
            return null;
        }

        return await LatenciesAsync(http, round);
    }

    private static async Task PublishAsync(List<IChannel> channels, string queue, int count, int rate, Func<int, string> body)
    {
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(channels.Select(async (channel, c) =>
        {
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
            for (var i = c; i < count; i += channels.Count)
            {
                // Open loop: message i goes at i / rate seconds, whatever the server does.
                var due = TimeSpan.FromSeconds((double)i / rate) - watch.Elapsed;
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due);
                }

                var properties = new BasicProperties { MessageId = $"{queue}-{i}", ContentType = "application/json", Persistent = true };
                await channel.BasicPublishAsync("", queue, mandatory: true, properties, Encoding.UTF8.GetBytes(body(i)));
            }
        }));
    }

    private static async Task<(List<double>, double)> LatenciesAsync(HttpClient http, string round)
    {
        var ended = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var item in await SearchAllAsync(http, "element-instances", new { processDefinitionId = $"bench-mq-{round}", elementId = "scan", state = "COMPLETED" }))
        {
            ended[item!["processInstanceKey"]!.GetValue<string>()] = DateTimeOffset.Parse(item["endDate"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        }

        var latencies = new List<double>();
        var first = DateTimeOffset.MaxValue;
        var last = DateTimeOffset.MinValue;
        foreach (var item in await SearchAllAsync(http, "variables", new { name = "sentAt" }))
        {
            if (ended.TryGetValue(item!["processInstanceKey"]!.GetValue<string>(), out var end))
            {
                var sent = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(item["value"]!.GetValue<string>(), CultureInfo.InvariantCulture));
                latencies.Add((end - sent).TotalMilliseconds);
                first = sent < first ? sent : first;
                last = end > last ? end : last;
            }
        }

        return (latencies, (last - first).TotalSeconds);
    }

    private static async Task<List<JsonNode?>> SearchAllAsync(HttpClient http, string resource, object filter)
    {
        var items = new List<JsonNode?>();
        while (true)
        {
            var response = await http.PostAsJsonAsync($"/v2/{resource}/search", new { filter, page = new { from = items.Count, limit = 10_000 } });
            response.EnsureSuccessStatusCode();
            var page = (await response.Content.ReadFromJsonAsync<JsonObject>())!["items"]!.AsArray();
            items.AddRange(page);
            if (page.Count < 10_000)
            {
                return items;
            }
        }
    }

    private static async Task<long> CountAsync(HttpClient http, string round, string state)
    {
        var response = await http.PostAsJsonAsync("/v2/element-instances/search",
            new { filter = new { processDefinitionId = $"bench-mq-{round}", elementId = "scan", state }, page = new { limit = 0 } });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["page"]!["totalItems"]!.GetValue<long>();
    }

    private static async Task<long> ConsumersAsync(IChannel channel, string queue) =>
        (await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false)).ConsumerCount;

    private static async Task<bool> WaitAsync(Func<Task<long>> value, Func<long, bool> done)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromMinutes(10))
        {
            if (done(await value()))
            {
                return true;
            }

            await Task.Delay(20);
        }

        return false;
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
    }
}
