namespace Orchestrator.Server.Hosting;

/// <summary>
/// Fires due timers: sleeps until the earliest due date (at most a second, so a pinned or moved clock is
/// noticed) and wakes at once when a timer is added or the clock is changed.
/// </summary>
public sealed partial class TimerLoop(EngineHost host, TimerAgenda timers, ILogger<TimerLoop> logger) : BackgroundService
{
    private static readonly TimeSpan MaxSleep = TimeSpan.FromSeconds(1);
    private volatile TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

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
            timers.Added -= Wake;
            host.Clock.Changed -= Wake;
        }
    }

    private async Task FireAsync(DateTimeOffset now)
    {
        try
        {
            timers.Fired(now);
            var fired = await host.RunAsync(engine => engine.FireDueTimers()).ConfigureAwait(false);
            LogFired(fired);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogFailed(exception);
        }
    }

    private void Wake() => _wake.TrySetResult();

    [LoggerMessage(Level = LogLevel.Debug, Message = "fired {Count} timers")]
    private partial void LogFired(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "firing timers failed")]
    private partial void LogFailed(Exception exception);
}
