using System.Collections.Frozen;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Orchestrator.Engine;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Ports;
using Orchestrator.Engine.State;
using Orchestrator.Engine.Calendars;
using Orchestrator.Engine.Execution;
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
/// <see cref="ActivitySourceName"/> and a measurement of <see cref="OrchestratorMetrics"/>. On a database several nodes
/// share, nodes run commands in parallel on what they hold in memory; a commit another node's commit overtook is left out
/// (<see cref="CommitConflictException"/>), and the command runs again once memory holds what the database holds.
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
        NodeRegistry.RefuseToMigrateUnderOthers(database);
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
            Limits = new VariableLimits { MaxDepth = limits.Value.VariableMaxDepth, MaxBytes = limits.Value.VariableMaxBytes, MaxCount = limits.Value.VariablesPerCommand },
        };
        Engine = new WorkflowEngine(Store, clock, engineOptions, this, feel);
        if (Registry.Shared)
        {
            if (serverOptions.ClockControl && ClusterClock.Read(database) is { } pinned)
            {
                clock.Pin(DateTimeOffset.FromUnixTimeMilliseconds(pinned));
            }

            Store.CatchUpWanted += () => CatchUpWanted?.Invoke();
            Store.Conflicted += () =>
            {
                if (Interlocked.Exchange(ref _recovering, 1) == 0)
                {
                    _ = Task.Run(() =>
                    {
                        Volatile.Write(ref _recovering, 0);
                        Recover();
                    });
                }
            };
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

    /// <summary>Raised when changes of other nodes that a catch-up put off may be read now (see <see cref="DurableEngineStore.CatchUpWanted"/>).</summary>
    public event Action? CatchUpWanted;

    /// <summary>Raised when a command starts waiting for a catch-up (<see cref="CaughtUpAsync"/>): it should not wait out the gap between catch-ups.</summary>
    public event Action? CatchUpAwaited;

    private readonly object _catchUpTurn = new();

    /// <summary>
    /// The commands' turn at the engine, waited for without holding a thread. The engine runs one command at a time under its lock;
    /// requests that blocked on that lock instead held a thread each, and with a few dozen in flight the thread pool ran out of
    /// threads for the continuations the lock's holder waited on (the journal's, the database driver's): the node stood still for
    /// seconds until the pool had grown.
    /// </summary>
    private readonly SemaphoreSlim _commandTurn = new(1, 1);
    private int _recovering;
    private readonly object _catchUps = new();
    private long _requestedCatchUps;

    /// <summary>The latest of <see cref="_requestedCatchUps"/> that another node's change of definitions or the clock requested.</summary>
    private long _requestedDefinitionCatchUps;
    private long _completedCatchUps;
    private TaskCompletionSource _nextCatchUp = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How often a command runs again after its commit was left out before the caller hears of the conflict.</summary>
    public const int MaxAttempts = 16;

    /// <summary>
    /// How many runs of a command that found an instance missing or in another state are followed by a catch-up and another run:
    /// the first always, the later ones only while the store holds other nodes' commits it put off
    /// (<see cref="DurableEngineStore.HasDeferredChanges"/>). One catch-up was not enough under load: in a probe on two loaded
    /// nodes, 4 of 288 cancellations of an instance just created on the other node answered 404 (none of 281 with these).
    /// </summary>
    private const int MaxBehindAttempts = 5;

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
            var wait = Registry.Shared ? CatchUpWaits.GetValueOrDefault(name) : CatchUpWait.None;
            if (wait != CatchUpWait.None)
            {
                await CaughtUpAsync(definitionsOnly: wait == CatchUpWait.Definitions).ConfigureAwait(false);
            }

            var result = await RunAgainOnConflictAsync(command).ConfigureAwait(false);
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

    /// <summary>Which catch-up a command waits for on a shared database before it runs.</summary>
    private enum CatchUpWait
    {
        /// <summary>One that starts after the command came: a decision evaluated, a task assigned, an instance cancelled find what the other node answered before.</summary>
        All,

        /// <summary>Those that changed definitions or the clock (what a start runs on besides its instance: the decisions, forms and called processes another node deployed, the clock it pinned); a later version of its own process is refused at commit.</summary>
        Definitions,

        /// <summary>None: what the command would find stale is refused when it commits (a claim another node broke) or at once (an unknown key, a state already left), and then caught up and run again.</summary>
        None,
    }

    /// <summary>The commands that do not wait for a fresh catch-up (<see cref="CatchUpWait"/>); the others do.</summary>
    private static readonly FrozenDictionary<string, CatchUpWait> CatchUpWaits = new Dictionary<string, CatchUpWait>(StringComparer.Ordinal)
    {
        [nameof(WorkflowEngine.CreateInstance)] = CatchUpWait.Definitions,
        [nameof(WorkflowEngine.ActivateJobs)] = CatchUpWait.None,
        [nameof(WorkflowEngine.CompleteJob)] = CatchUpWait.None,
        [nameof(WorkflowEngine.FailJob)] = CatchUpWait.None,
        [nameof(WorkflowEngine.ThrowJobError)] = CatchUpWait.None,
        [nameof(WorkflowEngine.PublishMessage)] = CatchUpWait.None,
        [nameof(WorkflowEngine.FireTimerIfDue)] = CatchUpWait.None,
        [nameof(WorkflowEngine.FireDueTimers)] = CatchUpWait.None,
        [nameof(WorkflowEngine.PurgeExpiredMessages)] = CatchUpWait.None,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private async Task<T> RunAgainOnConflictAsync<T>(Func<WorkflowEngine, T> command)
    {
        for (var attempt = 1; ; attempt++)
        {
            T result = default!;
            var behind = false;
            await _commandTurn.WaitAsync().ConfigureAwait(false);
            try
            {
                DurableEngineStore.BeginCommand(again: attempt > 1);
                result = command(Engine);
            }
            catch (EngineException exception) when (Registry.Shared && exception.Error is EngineError.NotFound or EngineError.InvalidState
                && DurableEngineStore.CommandCommits.Count == 0 && (attempt == 1 || attempt <= MaxBehindAttempts && Store.HasDeferredChanges))
            {
                behind = true;
            }
            finally
            {
                _commandTurn.Release();
            }

            if (behind)
            {
                // What another node acknowledged may not have reached this node's memory yet: read the change feed, then decide.
                // A catch-up puts off another node's commit that touched an instance this node has a commit on the way for (the
                // whole commit: its other instances too); once this node's commits settled, the next catch-up takes it.
                // The attempts count towards MaxAttempts with the reruns after conflicts (and lengthen their back-off). A command
                // that fails for good (an instance that ended, a task completed before) pays for these retries only while
                // changes are put off: the put-off keys are not matched against the command's.
                if (attempt > 1)
                {
                    await Store.WhenSettled().ConfigureAwait(false);
                }

                Unavailable(CatchUp);
                continue;
            }

            var commits = DurableEngineStore.CommandCommits;
            if (commits.Count == 0)
            {
                // Nothing to write, but what the command saw may be another command's commit still on its way.
                await Store.WhenSettled().ConfigureAwait(false);
                return result;
            }

            try
            {
                await Store.WhenDurable(commits[^1]).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is CommitConflictException or CommitRefusedException)
            {
                // Settled in order: the command's earlier commits are settled too.
            }

            var failures = commits.Select(c => Store.WhenDurable(c)).Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException).ToList();
            var leftOut = failures.Count;
            if (leftOut == 0)
            {
                return result;
            }

            if (failures.OfType<CommitRefusedException>().FirstOrDefault() is { } refused)
            {
                // Running it again would meet the same refusal: memory reads again what the database holds, and the caller hears why.
                await Store.WhenSettled().ConfigureAwait(false);
                Unavailable(Recover);
                throw leftOut < commits.Count
                    ? new CommitRefusedException($"{refused.Message} ({commits.Count - leftOut} of the command's {commits.Count} commits were written before)")
                    : refused;
            }

            if (leftOut < commits.Count)
            {
                throw new CommitConflictException($"{commits.Count - leftOut} of the command's {commits.Count} commits were written and {leftOut} " +
                    "left out (another node changed what they built on first); look at the state before trying again");
            }

            if (attempt == MaxAttempts)
            {
                throw new CommitConflictException($"other nodes kept changing what this command needs ({MaxAttempts} attempts); nothing of it was written, try again");
            }

            // Nothing of the command was written: once this node's commits on the way are settled (they may build on what was
            // left out), read what changed and run it again — a little later each time two nodes keep colliding.
            await Store.WhenSettled().ConfigureAwait(false);
            if (attempt > 2)
            {
                await Task.Delay(Random.Shared.Next(attempt * 5)).ConfigureAwait(false);
            }

            Unavailable(Recover);
        }
    }

    /// <summary>Runs a catch-up or recovery on a request's behalf: a database it cannot reach is a 503, not a 500.</summary>
    private static void Unavailable(Action action)
    {
        try
        {
            action();
        }
        catch (Exception exception) when (exception is System.Data.Common.DbException or TimeoutException)
        {
            throw new Api.ApiException(StatusCodes.Status503ServiceUnavailable, "UNAVAILABLE",
                $"this node could not read what the other nodes wrote: {exception.Message}") { RetryAfter = TimeSpan.FromSeconds(1) };
        }
    }

    /// <summary>Reads again what commits left out had written, then what the other nodes committed.</summary>
    private void Recover()
    {
        Engine.Exclusive(() =>
        {
            Store.Recover(Clock.GetUtcNow());
            return 0;
        });
        CatchUp();
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
    /// Brings this node up to what the others committed (a notification said they wrote), and tells its waiters: long-polls of new
    /// jobs' types, task lists of new tasks; <c>awaitCompletion</c> hears of ended instances from the store.
    /// </summary>
    public void CatchUp()
    {
        var target = Volatile.Read(ref _requestedCatchUps);
        lock (_catchUpTurn)
        {
            // The rows are read while commands run; only putting them into memory waits for the engine.
            var prepared = Store.ReadCatchUp();
            Engine.Exclusive(() => Announce(Store.ApplyCatchUp(prepared, Clock.GetUtcNow())))?.Invoke();
        }

        TaskCompletionSource? done = null;
        lock (_catchUps)
        {
            if (target > _completedCatchUps)
            {
                _completedCatchUps = target;
                done = _nextCatchUp;
                _nextCatchUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        done?.SetResult();
    }

    /// <summary>
    /// Another node committed (a notification came; <paramref name="definitions"/> when it changed definitions or the clock): the next
    /// <see cref="CatchUp"/> reads it, and commands wait for that catch-up.
    /// </summary>
    public void CatchUpRequested(bool definitions = false)
    {
        var requested = Interlocked.Increment(ref _requestedCatchUps);
        long seen;
        while (definitions && (seen = Volatile.Read(ref _requestedDefinitionCatchUps)) < requested
            && Interlocked.CompareExchange(ref _requestedDefinitionCatchUps, requested, seen) != seen)
        {
            // Another notification moved it meanwhile: look again.
        }
    }

    /// <summary>
    /// Waits (a second at most) for a catch-up that starts after this call: a client that was answered by another node and then
    /// asks this one finds what it was told, whether or not that node's notification arrived here yet (waiting only for the
    /// catch-ups already requested, a command sometimes ran before the notification came: under load one evaluation in six or
    /// eight on the other node still saw a decision model undeployed just before). With <paramref name="definitionsOnly"/> (starts,
    /// on the hot path), only for the catch-ups already requested that bring changed definitions or a changed clock; with
    /// <paramref name="requestedOnly"/>, for those already requested. Before the catch-ups run (the shipped workflows deployed at
    /// start-up), nothing is waited for.
    /// </summary>
    public async Task CaughtUpAsync(bool definitionsOnly = false, bool requestedOnly = false)
    {
        var wanted = definitionsOnly ? Volatile.Read(ref _requestedDefinitionCatchUps)
            : requestedOnly || CatchUpAwaited is null ? Volatile.Read(ref _requestedCatchUps) : Interlocked.Increment(ref _requestedCatchUps);
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency;
        var awaited = false;
        while (true)
        {
            Task next;
            lock (_catchUps)
            {
                if (_completedCatchUps >= wanted)
                {
                    return;
                }

                next = _nextCatchUp.Task;
            }

            if (!awaited)
            {
                awaited = true;
                CatchUpAwaited?.Invoke();
            }

            var left = deadline - Stopwatch.GetTimestamp();
            if (left <= 0 || await Task.WhenAny(next, Task.Delay(TimeSpan.FromSeconds((double)left / Stopwatch.Frequency))).ConfigureAwait(false) != next)
            {
                // A catch-up that failed is tried again by the next notification or check; the command runs on what is here.
                return;
            }
        }
    }

    /// <summary>Pins the clock (null: back to the system clock) on this node and, on a shared database, on every node as soon as it hears of it.</summary>
    public async Task SetClockAsync(DateTimeOffset? pinned)
    {
        if (Registry.Shared)
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

    /// <summary>Wakes the long polls of other nodes' job types once they may take those jobs (<see cref="DurableEngineStore.ForeignJobDelay"/>).</summary>
    private async Task NotifyWhenRipeAsync(HashSet<string> types)
    {
        // A little over the delay: a timer may fire a millisecond early.
        await Task.Delay(DurableEngineStore.ForeignJobDelay + TimeSpan.FromMilliseconds(5)).ConfigureAwait(false);
        foreach (var type in types)
        {
            _signals.Notify(type);
        }
    }

    private void Tell(CaughtUp caught)
    {
        foreach (var type in caught.JobTypes)
        {
            _signals.Notify(type);
        }

        if (caught.ForeignJobTypes.Count > 0)
        {
            _ = NotifyWhenRipeAsync(caught.ForeignJobTypes);
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

        await Registry.DisposeAsync().ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "start-up: migrations checked in {Migrations:0.0} s; {Instances} active instances of {Definitions} definitions loaded in {Load:0.0} s")]
    private static partial void LogLoaded(ILogger logger, double migrations, int instances, int definitions, double load);

    [LoggerMessage(Level = LogLevel.Error, Message = "start-up left out {What} {Key}: {Reason}")]
    private static partial void LogLeftOut(ILogger logger, string what, long key, string reason);
}
