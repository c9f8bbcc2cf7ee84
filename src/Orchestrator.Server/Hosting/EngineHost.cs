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
        OrchestratorMetrics metrics, IOptions<LimitsOptions> limits, ILogger<EngineHost> logger)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(database);
        Database = database;
        Clock = clock;
        _signals = signals;
        _metrics = metrics;
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
    public ValueTask DisposeAsync() => Store.DisposeAsync();

    [LoggerMessage(Level = LogLevel.Error, Message = "start-up left out {What} {Key}: {Reason}")]
    private static partial void LogLeftOut(ILogger logger, string what, long key, string reason);
}
