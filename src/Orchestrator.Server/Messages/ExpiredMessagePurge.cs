using Orchestrator.Server.Hosting;

namespace Orchestrator.Server.Messages;

/// <summary>
/// Drops buffered messages once their time-to-live ran out, from the engine's memory and their rows with them, so that
/// messages published with a TTL do not pile up. Runs every <see cref="Period"/> and at once when the clock is pinned.
/// </summary>
public sealed partial class ExpiredMessagePurge(EngineHost host, ILogger<ExpiredMessagePurge> logger) : BackgroundService
{
    /// <summary>
    /// How often the pass runs. An expired message correlates with nothing, so a late purge costs only memory and rows;
    /// a pass is one engine command per thousand messages.
    /// </summary>
    public static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    private const int PerCommand = 1000;
    private volatile TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        host.Clock.Changed += Wake;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var wake = _wake;
                await PurgeAsync().ConfigureAwait(false);
                try
                {
                    await wake.Task.WaitAsync(Period, stoppingToken).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    // The periodic pass.
                }

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
            host.Clock.Changed -= Wake;
        }
    }

    private async Task PurgeAsync()
    {
        try
        {
            int purged;
            do
            {
                purged = await host.RunAsync(engine => engine.PurgeExpiredMessages(PerCommand)).ConfigureAwait(false);
                if (purged > 0)
                {
                    LogPurged(purged);
                }
            }
            while (purged == PerCommand);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogFailed(exception);
        }
    }

    private void Wake() => _wake.TrySetResult();

    [LoggerMessage(Level = LogLevel.Debug, Message = "dropped {Count} expired buffered messages")]
    private partial void LogPurged(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "dropping expired buffered messages failed")]
    private partial void LogFailed(Exception exception);
}
