using Microsoft.EntityFrameworkCore;

namespace Orchestrator.Server.Hosting;

/// <summary>
/// A background pass that runs every <see cref="Interval"/> and at once when the clock is pinned (the SLA sweep, the
/// service-quality pass). A pass that fails on the database is logged and the next one tries again.
/// </summary>
public abstract partial class SweepService(ControllableClock clock, ILogger logger) : BackgroundService
{
    private volatile TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The server's clock.</summary>
    protected ControllableClock Clock { get; } = clock;

    /// <summary>How long a pass waits for the next when nothing wakes it.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>What the log calls the pass, e.g. "the SLA sweep".</summary>
    protected abstract string Name { get; }

    /// <summary>One pass; returns how much it wrote.</summary>
    public abstract Task<int> SweepAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Clock.Changed += Wake;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var wake = _wake;
                try
                {
                    await SweepAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
                {
                    LogPassFailed(exception, Name);
                }

                try
                {
                    await wake.Task.WaitAsync(Interval, stoppingToken).ConfigureAwait(false);
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
            Clock.Changed -= Wake;
        }
    }

    /// <summary>Starts the next pass now (new work arrived).</summary>
    public void Wake() => _wake.TrySetResult();

    [LoggerMessage(Level = LogLevel.Error, Message = "{Pass} failed")]
    private partial void LogPassFailed(Exception exception, string pass);
}
