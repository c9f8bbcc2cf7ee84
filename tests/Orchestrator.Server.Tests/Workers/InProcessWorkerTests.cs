using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orchestrator.Engine;
using Orchestrator.Feel.Values;
using Orchestrator.Testing;
using Orchestrator.Server.Hosting;
using Orchestrator.Server.Workers;
using Orchestrator.Workers;

namespace Orchestrator.Server.Tests.Workers;

/// <summary>
/// A server with one in-process handler: it reserves stock for positive quantities, reports OUT_OF_STOCK above 10, crashes on
/// negative ones, and answers 7 with a reservation too big to store.
/// </summary>
public sealed class ReserveStockServer : ServerFixture
{
    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Workers:RetryBackOff"] = "00:00:00";
        return settings;
    }

    protected override void ConfigureServices(IServiceCollection services) => services.AddJobHandler<ReserveStockHandler>();

    private sealed class ReserveStockHandler : IJobHandler
    {
        public string Type => "test.reserve";

        public Task<IReadOnlyDictionary<string, FeelValue>?> HandleAsync(ActivatedJob job, CancellationToken cancellationToken)
        {
            var quantity = ((FeelNumber)job.Variables["quantity"]).Value;
            return quantity switch
            {
                < 0 => throw new InvalidOperationException("the warehouse API answered 500"),
                // An answer too big to store (2 MiB against the 1 MiB limit).
                7 => Task.FromResult<IReadOnlyDictionary<string, FeelValue>?>(new Dictionary<string, FeelValue> { ["reservation"] = new FeelString(new string('x', 2 << 20)) }),
                > 10 => throw new BpmnErrorException("OUT_OF_STOCK", $"only 10 left, {quantity} asked"),
                _ => Task.FromResult<IReadOnlyDictionary<string, FeelValue>?>(new Dictionary<string, FeelValue> { ["reservation"] = new FeelString("R-" + quantity) }),
            };
        }
    }
}

/// <summary>In-process handlers go through the same job lifecycle as external workers.</summary>
public sealed class InProcessWorkerTests(ReserveStockServer server) : IClassFixture<ReserveStockServer>
{
    [Fact]
    public async Task A_handler_completes_its_jobs_with_the_variables_it_returns()
    {
        await server.DeployAsync("Workers/reserve-stock.bpmn");
        var instance = await server.StartAsync("reserve-stock", new { quantity = 3 });

        var ended = await Eventually(server, instance, "COMPLETED");

        Assert.True(ended, "the handler did not complete the job");
        var variables = await server.SearchAsync("variables", new { processInstanceKey = instance, name = "reservation" });
        Assert.Equal("\"R-3\"", Assert.Single(variables)!["value"]!.GetValue<string>());
        Assert.Single(await server.SearchAsync("element-instances", new { processInstanceKey = instance, elementId = "reserved" }));
    }

    [Fact]
    public async Task A_business_failure_becomes_a_BPMN_error_the_model_catches()
    {
        await server.DeployAsync("Workers/reserve-stock.bpmn");
        var instance = await server.StartAsync("reserve-stock", new { quantity = 50 });

        Assert.True(await Eventually(server, instance, "COMPLETED"));
        Assert.Single(await server.SearchAsync("element-instances", new { processInstanceKey = instance, elementId = "notReserved" }));
    }

    [Fact]
    public async Task Bug_a_result_too_big_to_store_was_worked_again_and_again_without_a_word()
    {
        await server.DeployAsync("Workers/reserve-stock.bpmn");
        var instance = await server.StartAsync("reserve-stock", new { quantity = 7 });

        JsonNode? incident = null;
        Assert.True(await Poll.Until(async () => (incident = (await server.SearchAsync("incidents", new { processInstanceKey = instance })).FirstOrDefault()) is not null),
            "the refused result left no incident");
        Assert.Equal("JOB_NO_RETRIES", incident!["errorType"]!.GetValue<string>());
        Assert.Contains("the job's result was refused", incident["errorMessage"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("larger than 1,048,576 bytes", incident["errorMessage"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(await server.SearchAsync("variables", new { processInstanceKey = instance, name = "reservation" }));
    }

    [Fact]
    public async Task A_crashing_handler_uses_up_the_retries_and_leaves_an_incident()
    {
        await server.DeployAsync("Workers/reserve-stock.bpmn");
        var instance = await server.StartAsync("reserve-stock", new { quantity = -1 });

        JsonNode? incident = null;
        for (var attempt = 0; attempt < 100 && incident is null; attempt++)
        {
            incident = (await server.SearchAsync("incidents", new { processInstanceKey = instance })).FirstOrDefault();
            await Task.Delay(incident is null ? 50 : 0);
        }

        Assert.NotNull(incident);
        Assert.Equal("JOB_NO_RETRIES", incident["errorType"]!.GetValue<string>());
        Assert.Contains("500", incident["errorMessage"]!.GetValue<string>(), StringComparison.Ordinal);
        var job = await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/process-instances/{instance}"));
        Assert.Equal("ACTIVE", job["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bug_in_process_workers_called_the_simulators_before_the_server_listened()
    {
        // Arrange: a job waiting when the worker starts, as the demo seed leaves them; the host has not started yet.
        await server.DeployAsync("Workers/after-start.bpmn");
        var instance = await server.StartAsync("after-start");
        var handler = new CountingHandler();
        var lifetime = new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance);
        using var worker = new JobWorkerService(
            [handler], server.Services.GetRequiredService<EngineHost>(), server.Services.GetRequiredService<JobSignals>(),
            server.Services.GetRequiredService<IOptions<JobWorkerOptions>>(), lifetime, NullLogger<JobWorkerService>.Instance);

        // Act
        await worker.StartAsync(CancellationToken.None);
        // A polling worker takes a waiting job within milliseconds.
        await Task.Delay(500);
        var callsBeforeStarted = handler.Calls;
        lifetime.NotifyStarted();
        var completed = await Eventually(server, instance, "COMPLETED");
        lifetime.StopApplication();
        var stopped = await Poll.Until(() => worker.ExecuteTask!.IsCompleted);

        // Assert
        Assert.Equal(0, callsBeforeStarted);
        Assert.True(completed, "the worker did not work the job once the host had started");
        Assert.True(stopped, "the worker went on after the host stopped");
        await worker.StopAsync(CancellationToken.None);
    }

    private static async Task<bool> Eventually(ServerFixture server, string instance, string state)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if ((await server.SearchAsync("process-instances", new { processInstanceKey = instance, state })).Count == 1)
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }

    /// <summary>Completes every job of its type and counts them.</summary>
    private sealed class CountingHandler : IJobHandler
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public string Type => "test.after-start";

        public Task<IReadOnlyDictionary<string, FeelValue>?> HandleAsync(ActivatedJob job, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            return Task.FromResult<IReadOnlyDictionary<string, FeelValue>?>(null);
        }
    }
}
