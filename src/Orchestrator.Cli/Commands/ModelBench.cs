using System.Diagnostics;
using Orchestrator.Engine;
using Orchestrator.Engine.InMemory;
using Orchestrator.Engine.Ports;
using Orchestrator.Engine.State;
using Orchestrator.Feel.Json;
using Orchestrator.Feel.Values;
using Orchestrator.Persistence;
using Orchestrator.Persistence.Store;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// <c>orchestrator bench</c>: runs N instances of a model in memory on one thread, with C of them in
/// flight at a time. Every job is completed (with the variables given per job type), every user task
/// as soon as it is created (unless told to leave them for boundary timers), and when nothing else can
/// move the virtual clock jumps to the next timer.
/// Reports instances per second, per-instance latency (start to end) and bytes allocated per instance.
/// With a database the state goes through the durable store (SQLite with fsync at every commit, or
/// PostgreSQL): each round's commands are group-committed, and an instance counts as done only once its
/// end is in the database.
/// </summary>
internal sealed class ModelBench(TextWriter output, bool leaveUserTasks = false, string? database = null) : IEngineObserver
{
    private readonly HashSet<string> _jobTypes = new(StringComparer.Ordinal);
    private readonly Queue<long> _userTasks = new();

    /// <returns>0 when every instance completed, 1 otherwise.</returns>
    public int Run(string file, int instances, int concurrency, string? jobResultsJson)
    {
        if (instances <= 0 || concurrency <= 0)
        {
            output.WriteLine("error: --instances and --concurrency must be greater than zero");
            return 1;
        }

        var results = ParseJobResults(jobResultsJson);
        var clock = new VirtualClock(new DateTimeOffset(2025, 1, 6, 9, 0, 0, TimeSpan.Zero));
        var feel = new Feel.FeelEngine(new Feel.FeelEngineOptions { Clock = clock });
        DurableEngineStore? durable = null;
        IEngineStore store = new InMemoryEngineStore();
        if (database is not null)
        {
            var db = database.Contains('=', StringComparison.Ordinal)
                ? new OrchestratorDatabase(DatabaseProvider.PostgreSql, database)
                : new OrchestratorDatabase(DatabaseProvider.Sqlite, $"Data Source={database}");
            db.Migrate();
            durable = new DurableEngineStore(db.CreateContext, feel);
            durable.Load();
            store = durable;
        }

        var engine = new WorkflowEngine(store, clock, new EngineOptions(), this, feel);
        ProcessDefinition definition;
        try
        {
            definition = engine.Deploy([new DeploymentResource(Path.GetFileName(file), File.ReadAllText(file))]).Processes[0];
        }
        catch (DeploymentException ex)
        {
            output.WriteLine(ex.Message);
            return 1;
        }

        WarmUp(engine, store, clock, definition, instances, concurrency, results);
        var latencies = new double[instances];
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        var transactionsBefore = durable?.Transactions ?? 0;
        var completed = Drive(engine, store, clock, definition, instances, concurrency, results, latencies);
        watch.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        Array.Sort(latencies);
        output.WriteLine($"model:        {definition.BpmnProcessId} ({Path.GetFileName(file)})");
        output.WriteLine($"instances:    {instances} ({completed} completed), concurrency {concurrency}, one thread");
        output.WriteLine(durable is null
            ? "state:        in memory"
            : $"state:        {(database!.Contains('=', StringComparison.Ordinal) ? "PostgreSQL" : "SQLite " + database)}, {durable.Transactions - transactionsBefore:N0} transactions (group commit)");
        output.WriteLine($"throughput:   {instances / watch.Elapsed.TotalSeconds:N0} instances/s ({watch.Elapsed.TotalMilliseconds:N0} ms)");
        output.WriteLine($"latency:      p50 {Percentile(latencies, 0.50):N1} µs, p99 {Percentile(latencies, 0.99):N1} µs (wall time, start to end)");
        output.WriteLine($"allocated:    {allocated / instances:N0} bytes per instance");
        durable?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return completed == instances ? 0 : 1;
    }

    /// <summary>
    /// Warms up the JIT and the FEEL cache so the measurement sees the steady state: rounds of instances until a round
    /// compiles almost nothing new. The durable store's code (EF Core, the database driver) takes seconds of rounds to get
    /// there on two cores; 200 instances left most of a short run measuring the JIT instead of the engine.
    /// </summary>
    private void WarmUp(WorkflowEngine engine, IEngineStore store, VirtualClock clock, ProcessDefinition definition, int instances, int concurrency,
        Dictionary<string, Dictionary<string, FeelValue>> results)
    {
        var round = Math.Min(instances, Math.Max(200, concurrency * 5));
        var deadline = Stopwatch.StartNew();
        long compiled;
        do
        {
            compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
            Drive(engine, store, clock, definition, round, concurrency, results, null);
        }
        while (System.Runtime.JitInfo.GetCompiledMethodCount() - compiled > 10 && deadline.Elapsed < TimeSpan.FromSeconds(30));
    }

    private int Drive(WorkflowEngine engine, IEngineStore store, VirtualClock clock, ProcessDefinition definition, int count, int concurrency,
        Dictionary<string, Dictionary<string, FeelValue>> results, double[]? latencies)
    {
        var started = new Dictionary<long, (int Index, long Ticks)>();
        var next = 0;
        var completed = 0;
        while (completed < count)
        {
            while (started.Count < concurrency && next < count)
            {
                var ticks = Stopwatch.GetTimestamp();
                var instance = engine.CreateInstance(definition.Key);
                started[instance.Key] = (next++, ticks);
            }

            var moved = false;
            foreach (var type in _jobTypes.ToList())
            {
                foreach (var job in engine.ActivateJobs(type, "bench", TimeSpan.FromMinutes(5), 1000))
                {
                    engine.CompleteJob(job.Key, results.GetValueOrDefault(type));
                    moved = true;
                }
            }

            while (_userTasks.TryDequeue(out var task))
            {
                engine.CompleteUserTask(task);
                moved = true;
            }

            (store as DurableEngineStore)?.WhenDurable().GetAwaiter().GetResult();
            foreach (var (key, (index, ticks)) in started.ToList())
            {
                if (!(store is DurableEngineStore durable ? durable.IsActive(key) : store.GetInstance(key) is { State: LifecycleState.Active }))
                {
                    started.Remove(key);
                    completed++;
                    if (latencies is not null)
                    {
                        latencies[index] = Stopwatch.GetElapsedTime(ticks).TotalMicroseconds;
                    }
                }
            }

            if (!moved && started.Count > 0)
            {
                var due = store.Subscriptions.Where(s => s.Kind == Engine.Model.EventKind.Timer).Select(s => (DateTimeOffset?)s.DueDate).Min();
                if (due is null)
                {
                    output.WriteLine($"error: {started.Count} instance(s) wait for something the bench cannot do (a message or signal)");
                    return completed;
                }

                clock.MoveTo(due.Value);
                engine.FireDueTimers();
            }
        }

        return completed;
    }

    private static Dictionary<string, Dictionary<string, FeelValue>> ParseJobResults(string? json)
    {
        var results = new Dictionary<string, Dictionary<string, FeelValue>>(StringComparer.Ordinal);
        if (json is null)
        {
            return results;
        }

        if (FeelJson.FromJson(json) is not FeelContext perType)
        {
            throw new ArgumentException("--job-results must be a JSON object of job type to variables");
        }

        foreach (var (type, variables) in perType.Entries)
        {
            results[type] = variables is FeelContext c
                ? c.Entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal)
                : throw new ArgumentException($"--job-results: the variables of '{type}' must be a JSON object");
        }

        return results;
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    void IEngineObserver.JobsAvailable(string type) => _jobTypes.Add(type);

    void IEngineObserver.UserTaskCreated(UserTask task)
    {
        if (!leaveUserTasks)
        {
            _userTasks.Enqueue(task.Key);
        }
    }

    void IEngineObserver.TimerScheduled(Subscription timer)
    {
    }

    void IEngineObserver.TimerCanceled(long timerKey)
    {
    }
}
