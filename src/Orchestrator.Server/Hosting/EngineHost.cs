using System.Diagnostics;
using System.Runtime.CompilerServices;
using Orchestrator.Engine;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Ports;
using Orchestrator.Engine.State;
using Orchestrator.Engine.Calendars;
using Orchestrator.Feel;
using Orchestrator.Feel.Functions;
using Orchestrator.Persistence;
using Orchestrator.Persistence.Cluster;
using Orchestrator.Persistence.Store;
using Orchestrator.Server.Limits;
using Orchestrator.Server.Telemetry;
using Microsoft.Extensions.Options;

namespace Orchestrator.Server.Hosting;

/// <summary>
/// The engine over the durable store, shared by the API, the timer loop and in-process workers. Every
/// command runs under the engine's lock and is answered only after it is in the database; each is a span of
/// <see cref="ActivitySourceName"/> and a measurement of <see cref="OrchestratorMetrics"/>.
/// </summary>
public sealed partial class EngineHost : IEngineObserver, IAsyncDisposable
{
    /// <summary>The activity source of the engine command spans.</summary>
    public const string ActivitySourceName = "Orchestrator.Engine";

    private static readonly ActivitySource Commands = new(ActivitySourceName);
    private readonly JobSignals _signals;
    private readonly OrchestratorMetrics _metrics;

    /// <summary>Opens the database (migrating it) and loads the active state.</summary>
    public EngineHost(
        OrchestratorDatabase database, ControllableClock clock, JobSignals signals, DurableStoreOptions storeOptions, BusinessCalendars calendars,
        OrchestratorMetrics metrics, IOptions<LimitsOptions> limits, ServerOptions serverOptions, ILogger<EngineHost> logger)
    {
        ArgumentNullException.ThrowIfNull(storeOptions);
        ArgumentNullException.ThrowIfNull(serverOptions);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(database);
        Database = database;
        Clock = clock;
        _signals = signals;
        _metrics = metrics;
        var started = Stopwatch.GetTimestamp();
        database.Migrate();
        var migrated = Stopwatch.GetElapsedTime(started);
        Registry = NodeRegistry.Claim(database, serverOptions.NodeId, Version);
        storeOptions = new DurableStoreOptions
        {
            NodeId = Registry.NodeId, Shared = Registry.Shared, KeyBlockSize = storeOptions.KeyBlockSize, MaxBatch = storeOptions.MaxBatch,
            RecordProcessEvents = storeOptions.RecordProcessEvents,
            DeleteExpiredMessagesAtLoad = !Registry.Shared || Registry.LiveNodesAsync(CancellationToken.None).GetAwaiter().GetResult().Count == 1,
        };
        ArgumentNullException.ThrowIfNull(calendars);
        var functions = FeelFunctionRegistry.CreateDefault();
        CalendarFunctions.Register(functions, calendars.Find);
        var feel = new FeelEngine(new FeelEngineOptions { Clock = clock, Functions = functions });
        Store = new DurableEngineStore(database.CreateContext, feel, storeOptions);
        var loading = Stopwatch.GetTimestamp();
        foreach (var problem in Store.Load(clock))
        {
            LogLeftOut(logger, problem.What, problem.Key, problem.Reason);
        }

        var loaded = Stopwatch.GetElapsedTime(loading);
        var instances = Store.Instances.Count();
        var definitions = Store.Definitions.All.Count();
        LogLoaded(logger, migrated.TotalSeconds, instances, definitions, loaded.TotalSeconds);

        var engineOptions = new EngineOptions
        {
            Limits = new VariableLimits { MaxDepth = limits.Value.VariableMaxDepth, MaxBytes = limits.Value.VariableMaxBytes },
        };
        Engine = new WorkflowEngine(Store, clock, engineOptions, this, feel);
        if (Registry.Shared)
        {
            if (serverOptions.ClockControl && ClusterClock.Read(database) is { } pinned)
            {
                clock.Pin(DateTimeOffset.FromUnixTimeMilliseconds(pinned));
            }

            Gate = new ClusterGate(database.ConnectionString, Registry.NodeId, CatchUpExclusively);
        }
        OpenTimers = Store.Subscriptions.Where(s => s.Kind == EventKind.Timer).Select(s => (s.Key, s.DueDate)).ToList();
    }

    /// <summary>The timers open at start-up (the schedulers start from them).</summary>
    public IReadOnlyList<(long Key, DateTimeOffset Due)> OpenTimers { get; }

    /// <summary>Raised after commit when a timer was created or moved to its next due date.</summary>
    public event Action<long, DateTimeOffset>? TimerScheduled;

    /// <summary>Raised after commit when a timer ended without firing.</summary>
    public event Action<long>? TimerCanceled;

    /// <summary>Raised when a catch-up found a timer another node created or moved (its Quartz trigger is that node's business).</summary>
    public event Action<long, DateTimeOffset>? TimerLearned;

    /// <summary>Raised when a catch-up found a timer another node ended.</summary>
    public event Action<long>? TimerForgotten;

    /// <summary>The server's version, as the topology reports it.</summary>
    public static string Version { get; } = typeof(EngineHost).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>This node's claim on its node id, and the cluster's members.</summary>
    public NodeRegistry Registry { get; }

    /// <summary>On a database several nodes share: the turn this node must hold to run commands; null on SQLite (one node).</summary>
    public ClusterGate? Gate { get; }

    /// <summary>The database.</summary>
    public OrchestratorDatabase Database { get; }

    /// <summary>The clock.</summary>
    public ControllableClock Clock { get; }

    /// <summary>The state.</summary>
    public DurableEngineStore Store { get; }

    /// <summary>The engine.</summary>
    public WorkflowEngine Engine { get; }

    /// <summary>Raised after a user task was created (task lists refresh).</summary>
    public event Action<UserTask>? UserTaskCreated;

    /// <summary>Refuses (409) to act on an instance start-up left out because its stored state could not be read.</summary>
    /// <exception cref="Api.ApiException">The instance is quarantined.</exception>
    public void ThrowIfQuarantined(long processInstanceKey)
    {
        if (Store.Quarantined.TryGetValue(processInstanceKey, out var why))
        {
            throw Api.ApiException.Conflict($"process instance {processInstanceKey} is quarantined: its stored state could not be read at start-up ({why}); " +
                "mend the stored state and restart (the next start that reads it resolves its incident)");
        }
    }

    /// <summary>Runs a command and completes once it is durable.</summary>
    /// <param name="command">The command.</param>
    /// <param name="commandText">Its source text, filled in by the compiler: the span and metrics name the engine method it calls.</param>
    public async Task<T> RunAsync<T>(Func<WorkflowEngine, T> command, [CallerArgumentExpression(nameof(command))] string commandText = "")
    {
        ArgumentNullException.ThrowIfNull(command);
        var name = EngineCommandNames.Of(commandText);
        using var span = Commands.StartActivity(name);
        var started = Stopwatch.GetTimestamp();
        using var turn = Gate is null ? null : await Gate.EnterAsync().ConfigureAwait(false);
        try
        {
            var result = command(Engine);
            await Store.WhenDurable().ConfigureAwait(false);
            _metrics.CommandRan(name, Stopwatch.GetElapsedTime(started), null);
            return result;
        }
        catch (Exception exception)
        {
            _metrics.CommandRan(name, Stopwatch.GetElapsedTime(started), exception);
            span?.SetStatus(ActivityStatusCode.Error, exception.Message).SetTag("error.type", OrchestratorMetrics.ErrorType(exception));
            throw;
        }
    }

    /// <summary>Runs a command and completes once it is durable.</summary>
    /// <param name="command">The command.</param>
    /// <param name="commandText">Its source text, filled in by the compiler (see the other overload).</param>
    public Task RunAsync(Action<WorkflowEngine> command, [CallerArgumentExpression(nameof(command))] string commandText = "")
    {
        ArgumentNullException.ThrowIfNull(command);
        return RunAsync(engine =>
        {
            command(engine);
            return true;
        }, commandText);
    }

    /// <summary>
    /// Brings this node up to what the others committed (when it does not hold the gate: a notification said they wrote), and tells
    /// its waiters: long-polls of new jobs' types, task lists of new tasks; <c>awaitCompletion</c> hears of ended instances from the store.
    /// </summary>
    public void CatchUp() => CatchUpExclusively()?.Invoke();

    /// <summary>Catches up while no command runs; returns what to tell this node's waiters once commands may run again.</summary>
    private Action? CatchUpExclusively() => Engine.Exclusive(() => Announce(Store.CatchUp(Clock.GetUtcNow())));

    /// <summary>Pins the clock (null: back to the system clock) on this node and, on a shared database, on every node before its next command.</summary>
    public async Task SetClockAsync(DateTimeOffset? pinned)
    {
        using var turn = Gate is null ? null : await Gate.EnterAsync().ConfigureAwait(false);
        if (Gate is not null)
        {
            await ClusterClock.WriteAsync(Database, Registry.NodeId, pinned?.ToUnixTimeMilliseconds()).ConfigureAwait(false);
        }

        Follow(pinned);
    }

    private void Follow(DateTimeOffset? pinned)
    {
        if (pinned is { } instant)
        {
            Clock.Pin(instant);
        }
        else
        {
            Clock.Reset();
        }
    }

    /// <summary>Follows a clock another node set at once (commands may run right after); the rest is told once they may.</summary>
    private Action? Announce(CaughtUp caught)
    {
        if (caught.ClockChanged)
        {
            Follow(caught.ClockPinned is { } pinned ? DateTimeOffset.FromUnixTimeMilliseconds(pinned) : null);
        }

        return caught == CaughtUp.Nothing ? null : () => Tell(caught);
    }

    private void Tell(CaughtUp caught)
    {
        foreach (var type in caught.JobTypes)
        {
            _signals.Notify(type);
        }

        foreach (var task in caught.CreatedTasks)
        {
            UserTaskCreated?.Invoke(task);
        }

        foreach (var key in caught.EndedTimers)
        {
            TimerForgotten?.Invoke(key);
        }

        foreach (var (key, due) in caught.Timers)
        {
            TimerLearned?.Invoke(key, due);
        }
    }

    void IEngineObserver.JobsAvailable(string type) => _signals.Notify(type);

    void IEngineObserver.UserTaskCreated(UserTask task) => UserTaskCreated?.Invoke(task);

    void IEngineObserver.TimerScheduled(Subscription timer) => TimerScheduled?.Invoke(timer.Key, timer.DueDate);

    void IEngineObserver.TimerCanceled(long timerKey) => TimerCanceled?.Invoke(timerKey);

    void IEngineObserver.JobActivated(Job job) => _metrics.JobActivated(job);

    void IEngineObserver.JobCompleted(Job job) => _metrics.JobCompleted(job);

    void IEngineObserver.JobFailed(Job job) => _metrics.JobFailed(job);

    void IEngineObserver.JobErrorThrown(Job job) => _metrics.JobErrorThrown(job);

    void IEngineObserver.IncidentCreated(Incident incident) => _metrics.IncidentCreated(incident);

    void IEngineObserver.TimerFired(Subscription timer) => _metrics.TimerFired(timer);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync().ConfigureAwait(false);
        if (Gate is not null)
        {
            await Gate.DisposeAsync().ConfigureAwait(false);
        }

        await Registry.DisposeAsync().ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "start-up: migrations checked in {Migrations:0.0} s; {Instances} active instances of {Definitions} definitions loaded in {Load:0.0} s")]
    private static partial void LogLoaded(ILogger logger, double migrations, int instances, int definitions, double load);

    [LoggerMessage(Level = LogLevel.Error, Message = "start-up left out {What} {Key}: {Reason}")]
    private static partial void LogLeftOut(ILogger logger, string what, long key, string reason);
}
