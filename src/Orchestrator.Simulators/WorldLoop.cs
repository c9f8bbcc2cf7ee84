using Microsoft.Extensions.Options;

namespace Orchestrator.Simulators;

/// <summary>Moves the simulated world on every tick and at once when the clock is pinned, and sends what happened as webhooks, in order.</summary>
public sealed partial class WorldLoop(SimulatedWorld world, WebhookSender sender, SimulatorClock clock, IOptions<SimulatorOptions> options, ILogger<WorldLoop> logger)
    : BackgroundService
{
    private volatile TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Moves the world now (after a request changed it) and sends its webhooks.</summary>
    public async Task PumpAsync(CancellationToken cancellationToken)
    {
        foreach (var outgoing in world.Advance())
        {
            await sender.SendAsync(outgoing, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sends webhooks produced outside the loop.</summary>
    public async Task SendAsync(IEnumerable<SimulatedWorld.Outgoing> outgoing, CancellationToken cancellationToken)
    {
        foreach (var item in outgoing)
        {
            await sender.SendAsync(item, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        clock.Changed += Wake;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var wake = _wake;
                try
                {
                    await PumpAsync(stoppingToken).ConfigureAwait(false);
                    await wake.Task.WaitAsync(options.Value.Tick, stoppingToken).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    // The next tick.
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception exception) when (exception is InvalidOperationException or HttpRequestException)
                {
                    LogFailed(exception);
                }

                if (wake.Task.IsCompleted)
                {
                    _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }
        }
        finally
        {
            clock.Changed -= Wake;
        }
    }

    private void Wake() => _wake.TrySetResult();

    [LoggerMessage(Level = LogLevel.Error, Message = "moving the simulated world failed")]
    private partial void LogFailed(Exception exception);
}
