using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;
using Orchestrator.Server.Hosting;
using Quartz;

namespace Orchestrator.Server.Timers;

/// <summary>
/// Keeps one Quartz trigger per open timer. The engine's timer records commit with the instance; triggers
/// are written after commit from a queue, and an outbox pass (at start-up and every minute) schedules any
/// timer record that has no trigger, so a crash between the two loses no timer.
/// </summary>
public sealed partial class QuartzTimerBridge : BackgroundService
{
    private static readonly TimeSpan OutboxInterval = TimeSpan.FromMinutes(1);
    private readonly Channel<(long Key, DateTimeOffset? Due)> _changes = Channel.CreateUnbounded<(long, DateTimeOffset?)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ISchedulerFactory _schedulers;
    private readonly OrchestratorDatabase _database;
    private readonly ILogger<QuartzTimerBridge> _logger;
    private readonly IReadOnlyDictionary<long, string> _quarantined;

    /// <summary>Follows the engine's timers from the moment it is created.</summary>
    public QuartzTimerBridge(EngineHost host, ISchedulerFactory schedulers, OrchestratorDatabase database, ILogger<QuartzTimerBridge> logger)
    {
        ArgumentNullException.ThrowIfNull(host);
        _schedulers = schedulers;
        _database = database;
        _logger = logger;
        _quarantined = host.Store.Quarantined;
        host.TimerScheduled += (key, due) => _changes.Writer.TryWrite((key, due));
        host.TimerCanceled += key => _changes.Writer.TryWrite((key, null));
    }

    /// <summary>The trigger of a timer.</summary>
    public static TriggerKey TriggerOf(long timerKey) => new("timer-" + timerKey.ToString(System.Globalization.CultureInfo.InvariantCulture), TriggerGroup);

    /// <summary>The Quartz group of every timer's trigger.</summary>
    private const string TriggerGroup = "orchestrator";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var scheduler = await _schedulers.GetScheduler(stoppingToken).ConfigureAwait(false);
        await OutboxPassAsync(scheduler, stoppingToken).ConfigureAwait(false);
        var nextPass = DateTimeOffset.UtcNow + OutboxInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                wait.CancelAfter(Max(nextPass - DateTimeOffset.UtcNow, TimeSpan.Zero));
                try
                {
                    await _changes.Reader.WaitToReadAsync(wait.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // Time for the outbox pass.
                }

                while (_changes.Reader.TryRead(out var change))
                {
                    await ApplyAsync(scheduler, change.Key, change.Due, stoppingToken).ConfigureAwait(false);
                }

                if (DateTimeOffset.UtcNow >= nextPass)
                {
                    await OutboxPassAsync(scheduler, stoppingToken).ConfigureAwait(false);
                    nextPass = DateTimeOffset.UtcNow + OutboxInterval;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is SchedulerException or DbUpdateException or System.Data.Common.DbException)
            {
                // The outbox pass repairs whatever this change missed.
                LogFailed(exception);
            }
        }
    }

    /// <summary>Schedules a trigger for every timer record that has none (at start-up and periodically).</summary>
    public async Task<int> OutboxPassAsync(IScheduler scheduler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        List<(long Key, DateTimeOffset Due)> timers;
        await using (var context = _database.CreateContext())
        {
            // Not the timers of instances start-up left out: firing them would do nothing, every pass.
            timers = (await context.Subscriptions.AsNoTracking().Where(s => s.Kind == "Timer").Select(s => new { s.Key, s.DueDate, s.ProcessInstanceKey })
                .ToListAsync(cancellationToken).ConfigureAwait(false))
                .Where(t => t.ProcessInstanceKey is not { } instance || !_quarantined.ContainsKey(instance)).Select(t => (t.Key, t.DueDate)).ToList();
        }

        // One question for every trigger there is, rather than one per timer (50,000 timers were 50,000 queries a minute).
        var scheduled = (await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(TriggerGroup), cancellationToken).ConfigureAwait(false))
            .Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var repaired = 0;
        foreach (var (key, due) in timers)
        {
            if (!scheduled.Contains(TriggerOf(key).Name))
            {
                await ApplyAsync(scheduler, key, due, cancellationToken).ConfigureAwait(false);
                repaired++;
            }
        }

        if (repaired > 0)
        {
            LogRepaired(repaired);
        }

        return repaired;
    }

    private static async Task ApplyAsync(IScheduler scheduler, long key, DateTimeOffset? due, CancellationToken cancellationToken)
    {
        var triggerKey = TriggerOf(key);
        if (due is null)
        {
            await scheduler.UnscheduleJob(triggerKey, cancellationToken).ConfigureAwait(false);
            return;
        }

        var trigger = TriggerBuilder.Create()
            .WithIdentity(triggerKey)
            .ForJob(FireTimerJob.Key)
            .UsingJobData(FireTimerJob.TimerKey, key)
            // An overdue timer starts now: Quartz treats a past start as a misfire and handles those only periodically.
            .StartAt(due.Value > DateTimeOffset.UtcNow ? due.Value : DateTimeOffset.UtcNow)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.ScheduleTrigger(trigger, TriggerConflict.Replace, cancellationToken).ConfigureAwait(false);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    [LoggerMessage(Level = LogLevel.Warning, Message = "scheduling a timer trigger failed; the outbox pass will repair it")]
    private partial void LogFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "outbox pass scheduled {Count} timers that had no trigger")]
    private partial void LogRepaired(int count);
}
