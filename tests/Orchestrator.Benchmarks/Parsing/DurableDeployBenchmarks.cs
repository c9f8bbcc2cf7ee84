using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Orchestrator.Engine;
using Orchestrator.Feel;
using Orchestrator.Persistence;
using Orchestrator.Persistence.Store;
using Orchestrator.Testing.Models;

namespace Orchestrator.Benchmarks.Parsing;

/// <summary>
/// Deploying a big generated model through the durable store, until its definition row is committed to a SQLite
/// file: what <c>POST /v2/deployments</c> waits for. Every deployment is a new version (the text differs by a
/// trailing comment) and stays in the store's memory, so the run is a fixed, small number of single deployments.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class DurableDeployBenchmarks : IAsyncDisposable
{
    private string _xml = null!;
    private string _folder = null!;
    private DurableEngineStore _store = null!;
    private WorkflowEngine _engine = null!;
    private int _version;

    /// <summary>Flow nodes plus sequence flows.</summary>
    [Params(5_000, 40_000)]
    public int Elements { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _xml = LargeModel.Generate(Elements);
        _folder = Directory.CreateTempSubdirectory("orchestrator-bench-").FullName;
        var database = new OrchestratorDatabase(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(_folder, "deploy.db")}");
        database.Migrate();
        var feel = new FeelEngine();
        _store = new DurableEngineStore(database.CreateContext, feel);
        _store.Load();
        _engine = new WorkflowEngine(_store, TimeProvider.System, feel: feel);
    }

    [GlobalCleanup]
    public Task Cleanup() => DisposeAsync().AsTask();

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    [Benchmark(Description = "deploy (WorkflowEngine.Deploy, SQLite, until durable)")]
    public long Deploy()
    {
        var xml = _xml + "<!-- version " + ++_version + " -->";
        var key = _engine.Deploy([new DeploymentResource("large.bpmn", xml)]).Processes[0].Key;
        _store.WhenDurable().GetAwaiter().GetResult();
        return key;
    }
}
