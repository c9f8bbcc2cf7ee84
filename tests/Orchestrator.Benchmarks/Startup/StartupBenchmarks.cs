using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Orchestrator.Engine;
using Orchestrator.Feel;
using Orchestrator.Feel.Values;
using Orchestrator.Persistence;
using Orchestrator.Persistence.Store;
using Orchestrator.Testing.Models;

namespace Orchestrator.Benchmarks.Startup;

/// <summary>
/// What a node does at start-up before it serves anything: open the durable store over a database and load it
/// (<see cref="DurableEngineStore.Load"/>: every deployed definition and all active state). The SQLite file is
/// filled once per run through the engine: <see cref="Definitions"/> generated models of <see cref="Elements"/>
/// elements each (<see cref="LargeModel"/>), and <see cref="Instances"/> instances spread over them, half waiting
/// at a job and half at a user task with a boundary timer. Target (issue 11): 100 definitions of 5,000 elements and
/// 100,000 waiting instances load in under 10 s. Server GC, as the server runs (the Web SDK's default).
/// </summary>
[MemoryDiagnoser]
[GcServer(true)]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class StartupBenchmarks
{
    private string _folder = null!;
    private OrchestratorDatabase _database = null!;

    [Params(100)]
    public int Definitions { get; set; }

    /// <summary>Flow nodes plus sequence flows of each definition.</summary>
    [Params(5_000)]
    public int Elements { get; set; }

    [Params(100_000)]
    public int Instances { get; set; }

    /// <summary>
    /// A SQLite file to keep the filled database in (filled when it does not exist, used as it is when it does), so that it
    /// can be measured again, or a whole server started over it (<c>Startup/server-start.sh</c>); by default a temporary one.
    /// </summary>
    public const string KeepVariable = "ORCHESTRATOR_STARTUP_DB";

    [GlobalSetup]
    public void Setup()
    {
        var kept = Environment.GetEnvironmentVariable(KeepVariable);
        _folder = kept is null ? Directory.CreateTempSubdirectory("orchestrator-startup-").FullName : "";
        var file = kept ?? Path.Combine(_folder, "startup.db");
        var filled = File.Exists(file);
        _database = new OrchestratorDatabase(DatabaseProvider.Sqlite, $"Data Source={file}");
        _database.Migrate();
        if (!filled)
        {
            Fill();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_folder.Length > 0)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Benchmark(Description = "open the durable store and load it")]
    public int Load()
    {
        var store = new DurableEngineStore(_database.CreateContext, new FeelEngine());
        store.Load();
        var loaded = store.Instances.Count();
        store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return loaded == Instances ? loaded : throw new InvalidOperationException($"loaded {loaded} of {Instances} instances");
    }

    private void Fill()
    {
        var feel = new FeelEngine();
        var store = new DurableEngineStore(_database.CreateContext, feel);
        store.Load();
        var engine = new WorkflowEngine(store, TimeProvider.System, feel: feel);
        var keys = Enumerable.Range(0, Definitions)
            .Select(i => engine.Deploy([new DeploymentResource($"large-{i}.bpmn", LargeModel.Generate(Elements, $"large-{i}"))]).Processes[0].Key)
            .ToList();
        var review = new Dictionary<string, FeelValue> { ["amount"] = FeelNumber.Of(5000), ["customer"] = new FeelContext([new("tier", new FeelString("standard"))]) };
        var automatic = new Dictionary<string, FeelValue> { ["amount"] = FeelNumber.Of(10) };

        // First the half that goes on to a user task (its first job completed), then the half left at a job.
        for (var i = 0; i < Instances / 2; i++)
        {
            engine.CreateInstance(keys[i % keys.Count], review);
        }

        while (engine.ActivateJobs(LargeModel.JobType, "bench", TimeSpan.FromMinutes(5), 1000) is { Count: > 0 } jobs)
        {
            foreach (var job in jobs)
            {
                engine.CompleteJob(job.Key, null);
            }
        }

        for (var i = Instances / 2; i < Instances; i++)
        {
            engine.CreateInstance(keys[i % keys.Count], automatic);
        }

        store.WhenDurable().GetAwaiter().GetResult();
        store.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
