namespace Orchestrator.Server.Hosting;

/// <summary>
/// With clock control on (tests, demos): fires timers by the controllable clock. It sleeps until the earliest
/// due date (at most a second) and wakes at once when a timer is added or the clock is pinned, so moving the
/// clock past a timer fires it within moments. Quartz keeps firing timers by real time as usual; a timer
/// fired by both fires once.
/// </summary>
public sealed partial class TimerLoop : BackgroundService
{
    private static readonly TimeSpan MaxSleep = TimeSpan.FromSeconds(1);
    private readonly EngineHost host;
    private readonly TimerAgenda timers;
    private readonly ILogger<TimerLoop> logger;
    private volatile TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Follows the engine's timers from the moment it is created (before start-up deployments).</summary>
    public TimerLoop(EngineHost host, TimerAgenda timers, ILogger<TimerLoop> logger)
    {
        this.host = host;
        this.timers = timers;
        this.logger = logger;
        foreach (var (key, due) in host.OpenTimers)
        {
            timers.Schedule(key, due);
        }

        host.TimerScheduled += timers.Schedule;
        host.TimerCanceled += timers.Cancel;
        host.TimerLearned += timers.Schedule;
        host.TimerForgotten += timers.Cancel;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        timers.Added += Wake;
        host.Clock.Changed += Wake;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var wake = _wake;
                var now = host.Clock.GetUtcNow();
                if (timers.NextDue() is { } due && due <= now)
                {
                    await FireAsync(now).ConfigureAwait(false);
                    continue;
                }

                var sleep = timers.NextDue() is { } next && next - now < MaxSleep ? next - now : MaxSleep;
                await Task.WhenAny(wake.Task, Task.Delay(sleep, stoppingToken)).ConfigureAwait(false);
                if (wake.Task.IsCompleted)
                {
                    _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            host.TimerScheduled -= timers.Schedule;
            host.TimerCanceled -= timers.Cancel;
            host.TimerLearned -= timers.Schedule;
            host.TimerForgotten -= timers.Cancel;
            timers.Added -= Wake;
            host.Clock.Changed -= Wake;
        }
    }

    /// <summary>Fires the timers due at <paramref name="now"/>, earliest first, each in a command of its own: one whose firing fails is logged and the others fire.</summary>
    private async Task FireAsync(DateTimeOffset now)
    {
        var fired = 0;
        foreach (var key in timers.Fired(now))
        {
            try
            {
                fired += await host.RunAsync(engine => engine.FireTimerIfDue(key)).ConfigureAwait(false) ? 1 : 0;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogTimerFailed(exception, key);
            }
        }

        LogFired(fired);
    }

    private void Wake() => _wake.TrySetResult();

    [LoggerMessage(Level = LogLevel.Debug, Message = "fired {Count} timers")]
    private partial void LogFired(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "firing timer {Key} failed; the other due timers fire")]
    private partial void LogTimerFailed(Exception exception, long key);
}
