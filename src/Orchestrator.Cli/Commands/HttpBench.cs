using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// <c>orchestrator bench-http</c>: drives a running server over its <c>/v2</c> API the way Camunda clients do.
/// It deploys the two-job model, starts N instances (C of them in flight at a time), and runs two external workers
/// that activate jobs in batches (long-polling) and complete them; after the second job it publishes the
/// message the instance waits for. Reports instances per second and p50/p99 of job completion → next job
/// activated, and of message publication (the response comes once the message has correlated durably). Given several
/// servers (the nodes of a cluster), it starts instances on each in turn and runs the workers against every one. A warm-up
/// of unrecorded instances comes first.
/// </summary>
internal sealed class HttpBench(TextWriter output)
{
    private const string Model = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="bench-http" targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:message id="go" name="bench.go"><bpmn:extensionElements><zeebe:subscription correlationKey="=id" /></bpmn:extensionElements></bpmn:message>
          <bpmn:process id="bench-two-jobs-message" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="a" />
            <bpmn:serviceTask id="a"><bpmn:extensionElements><zeebe:taskDefinition type="bench.a" /></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:sequenceFlow id="f2" sourceRef="a" targetRef="b" />
            <bpmn:serviceTask id="b"><bpmn:extensionElements><zeebe:taskDefinition type="bench.b" /></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:sequenceFlow id="f3" sourceRef="b" targetRef="wait" />
            <bpmn:intermediateCatchEvent id="wait"><bpmn:messageEventDefinition messageRef="go" /></bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f4" sourceRef="wait" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private readonly ConcurrentDictionary<string, long> _firstJobDone = new();
    private readonly ConcurrentBag<double> _nextJobLatency = [];
    private readonly ConcurrentBag<double> _messageLatency = [];
    private readonly ConcurrentBag<double> _startLatency = [];
    private int _finished;
    private SemaphoreSlim? _inFlight;

    public async Task<int> RunAsync(IReadOnlyList<Uri> urls, int instances, int warmUp, int concurrency, int batch)
    {
        ArgumentNullException.ThrowIfNull(urls);
        if (instances <= 0 || concurrency <= 0 || batch <= 0 || warmUp < 0)
        {
            output.WriteLine("error: --instances, --concurrency and --batch must be greater than zero, --warmup zero or more");
            return 1;
        }

        using var inFlight = new SemaphoreSlim(concurrency);
        _inFlight = inFlight;
        var handlers = urls.Select(_ => new SocketsHttpHandler { MaxConnectionsPerServer = concurrency + 8, PooledConnectionLifetime = TimeSpan.FromMinutes(10) }).ToList();
        var clients = urls.Select((url, i) => new HttpClient(handlers[i]) { BaseAddress = url, Timeout = TimeSpan.FromMinutes(2) }).ToList();
        try
        {
            return await RunAsync(clients, instances, warmUp, concurrency, batch);
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
            handlers.ForEach(h => h.Dispose());
        }
    }

    private async Task<int> RunAsync(List<HttpClient> clients, int instances, int warmUp, int concurrency, int batch)
    {
        using var content = new MultipartFormDataContent { { new StringContent(Model), "resources", "two-jobs-message.bpmn" } };
        (await clients[0].PostAsync("/v2/deployments", content)).EnsureSuccessStatusCode();

        using var stop = new CancellationTokenSource();
        var workers = clients.SelectMany(client => new[]
        {
            WorkAsync(client, "bench.a", batch, concurrency, FirstJobAsync, stop.Token),
            WorkAsync(client, "bench.b", batch, concurrency, SecondJobAsync, stop.Token),
        }).ToList();

        // Unrecorded instances first: a server that just started (and this tool) spend their first seconds compiling code,
        // which on two cores is most of a short run.
        if (warmUp > 0 && !await RunInstancesAsync(clients, "w", warmUp, concurrency))
        {
            output.WriteLine($"error: only {_finished} of {warmUp} warm-up instances finished within 10 minutes");
            await stop.CancelAsync();
            await Task.WhenAll(workers);
            return 1;
        }

        Interlocked.Exchange(ref _finished, 0);
        _nextJobLatency.Clear();
        _messageLatency.Clear();
        _startLatency.Clear();
        var watch = Stopwatch.StartNew();
        await RunInstancesAsync(clients, "i", instances, concurrency);
        watch.Stop();
        await stop.CancelAsync();
        await Task.WhenAll(workers);
        output.WriteLine($"servers:      {string.Join(", ", clients.Select(c => c.BaseAddress))}");
        output.WriteLine($"instances:    {instances} ({_finished} finished) after {warmUp} to warm up, {concurrency} in flight, activation batches of {batch}");
        output.WriteLine($"throughput:   {_finished / watch.Elapsed.TotalSeconds:N0} instances/s ({watch.Elapsed.TotalMilliseconds:N0} ms)");
        output.WriteLine($"start:        {Latencies(_startLatency)} (instance creation answered)");
        output.WriteLine($"job → next:   {Latencies(_nextJobLatency)} (completion answered → next job activated)");
        output.WriteLine($"message:      {Latencies(_messageLatency)} (publication answered once correlated)");
        return _finished == instances ? 0 : 1;
    }

    /// <summary>Starts <paramref name="count"/> instances in a closed loop and waits until they finished; false when 10 minutes were not enough.</summary>
    private async Task<bool> RunInstancesAsync(List<HttpClient> clients, string prefix, int count, int concurrency)
    {
        var watch = Stopwatch.StartNew();

        // A closed loop: a new instance starts when one finishes, so latencies are the server's, not a backlog's.
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Math.Min(concurrency, 16)).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await _inFlight!.WaitAsync();
                var started = Stopwatch.GetTimestamp();
                var response = await clients[i % clients.Count].PostAsJsonAsync("/v2/process-instances", new { processDefinitionId = "bench-two-jobs-message", variables = new { id = prefix + i } });
                response.EnsureSuccessStatusCode();
                _startLatency.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));

        while (Volatile.Read(ref _finished) < count && watch.Elapsed < TimeSpan.FromMinutes(10))
        {
            await Task.Delay(10);
        }

        return Volatile.Read(ref _finished) >= count;
    }

    private async Task FirstJobAsync(HttpClient client, JsonNode job)
    {
        var key = job["jobKey"]!.GetValue<string>();
        (await client.PostAsJsonAsync($"/v2/jobs/{key}/completion", new { })).EnsureSuccessStatusCode();
        _firstJobDone[job["processInstanceKey"]!.GetValue<string>()] = Stopwatch.GetTimestamp();
    }

    private async Task SecondJobAsync(HttpClient client, JsonNode job)
    {
        var received = Stopwatch.GetTimestamp();
        if (_firstJobDone.TryRemove(job["processInstanceKey"]!.GetValue<string>(), out var done))
        {
            _nextJobLatency.Add(Stopwatch.GetElapsedTime(done, received).TotalMilliseconds);
        }

        var key = job["jobKey"]!.GetValue<string>();
        (await client.PostAsJsonAsync($"/v2/jobs/{key}/completion", new { })).EnsureSuccessStatusCode();
        var published = Stopwatch.GetTimestamp();
        (await client.PostAsJsonAsync("/v2/messages/publication", new { name = "bench.go", correlationKey = job["variables"]!["id"]!.GetValue<string>() })).EnsureSuccessStatusCode();
        _messageLatency.Add(Stopwatch.GetElapsedTime(published).TotalMilliseconds);
        Interlocked.Increment(ref _finished);
        _inFlight!.Release();
    }

    private static async Task WorkAsync(HttpClient client, string type, int batch, int concurrency, Func<HttpClient, JsonNode, Task> work, CancellationToken stop)
    {
        using var slots = new SemaphoreSlim(concurrency);
        while (!stop.IsCancellationRequested)
        {
            JsonArray jobs;
            try
            {
                var response = await client.PostAsJsonAsync("/v2/jobs/activation",
                    new { type, worker = "bench", timeout = 60_000, maxJobsToActivate = batch, requestTimeout = 1_000 }, stop);
                response.EnsureSuccessStatusCode();
                jobs = (await response.Content.ReadFromJsonAsync<JsonObject>(stop))!["jobs"]!.AsArray();
            }
            catch (OperationCanceledException)
            {
                return;
            }

            foreach (var job in jobs)
            {
                await slots.WaitAsync(CancellationToken.None);
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await work(client, job!);
                    }
                    finally
                    {
                        slots.Release();
                    }
                }, CancellationToken.None);
            }
        }
    }

    /// <summary>p50, p99 and the slowest: a server that stands still for seconds now and then shows in the last, not in the others.</summary>
    private static string Latencies(ConcurrentBag<double> values) =>
        $"p50 {Percentile(values, 0.50):N1} ms, p99 {Percentile(values, 0.99):N1} ms, max {Percentile(values, 1):N1} ms";

    private static double Percentile(ConcurrentBag<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
    }
}
