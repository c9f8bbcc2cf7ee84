using Orchestrator.Engine;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Ports;
using Orchestrator.Engine.State;
using Orchestrator.Engine.Calendars;
using Orchestrator.Feel;
using Orchestrator.Feel.Functions;
using Orchestrator.Persistence;
using Orchestrator.Persistence.Store;
using Orchestrator.Server.Limits;
using Microsoft.Extensions.Options;

namespace Orchestrator.Server.Hosting;

/// <summary>
/// The engine over the durable store, shared by the API, the timer loop and in-process workers. Every
/// command runs under the engine's lock and is answered only after it is in the database.
/// </summary>
public sealed partial class EngineHost : IEngineObserver, IAsyncDisposable
{
    private readonly JobSignals _signals;

    /// <summary>Opens the database (migrating it) and loads the active state.</summary>
    public EngineHost(
        OrchestratorDatabase database, ControllableClock clock, JobSignals signals, DurableStoreOptions storeOptions, BusinessCalendars calendars,
        IOptions<LimitsOptions> limits, ILogger<EngineHost> logger)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(database);
        Database = database;
        Clock = clock;
        _signals = signals;
        database.Migrate();
        Lease = new NodeLease(database.CreateContext, "node-" + storeOptions.NodeId.ToString(System.Globalization.CultureInfo.InvariantCulture), LeaseDuration, TimeProvider.System);
        Lease.Acquire();
        ArgumentNullException.ThrowIfNull(calendars);
        var functions = FeelFunctionRegistry.CreateDefault();
        CalendarFunctions.Register(functions, calendars.Find);
        var feel = new FeelEngine(new FeelEngineOptions { Clock = clock, Functions = functions });
        Store = new DurableEngineStore(database.CreateContext, feel, storeOptions);
        foreach (var problem in Store.Load(clock))
        {
            LogLeftOut(logger, problem.What, problem.Key, problem.Reason);
        }

        var engineOptions = new EngineOptions
        {
            Limits = new VariableLimits { MaxDepth = limits.Value.VariableMaxDepth, MaxBytes = limits.Value.VariableMaxBytes },
        };
        Engine = new WorkflowEngine(Store, clock, engineOptions, this, feel);
        OpenTimers = Store.Subscriptions.Where(s => s.Kind == EventKind.Timer).Select(s => (s.Key, s.DueDate)).ToList();
    }

    /// <summary>The timers open at start-up (the schedulers start from them).</summary>
    public IReadOnlyList<(long Key, DateTimeOffset Due)> OpenTimers { get; }

    /// <summary>Raised after commit when a timer was created or moved to its next due date.</summary>
    public event Action<long, DateTimeOffset>? TimerScheduled;

    /// <summary>Raised after commit when a timer ended without firing.</summary>
    public event Action<long>? TimerCanceled;

    /// <summary>How long the engine lease lasts unless renewed (a third of it is the renewal period).</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(30);

    /// <summary>This node's hold on the database.</summary>
    public NodeLease Lease { get; }

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

    /// <summary>Runs a command and completes once it is durable.</summary>
    public async Task<T> RunAsync<T>(Func<WorkflowEngine, T> command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var result = command(Engine);
        await Store.WhenDurable().ConfigureAwait(false);
        return result;
    }

    /// <summary>Runs a command and completes once it is durable.</summary>
    public async Task RunAsync(Action<WorkflowEngine> command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command(Engine);
        await Store.WhenDurable().ConfigureAwait(false);
    }

    void IEngineObserver.JobsAvailable(string type) => _signals.Notify(type);

    void IEngineObserver.UserTaskCreated(UserTask task) => UserTaskCreated?.Invoke(task);

    void IEngineObserver.TimerScheduled(Subscription timer) => TimerScheduled?.Invoke(timer.Key, timer.DueDate);

    void IEngineObserver.TimerCanceled(long timerKey) => TimerCanceled?.Invoke(timerKey);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Store.DisposeAsync();

    [LoggerMessage(Level = LogLevel.Error, Message = "start-up left out {What} {Key}: {Reason}")]
    private static partial void LogLeftOut(ILogger logger, string what, long key, string reason);
}
