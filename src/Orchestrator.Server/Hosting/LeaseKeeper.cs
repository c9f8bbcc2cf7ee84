namespace Orchestrator.Server.Hosting;

/// <summary>Renews this node's engine lease while it runs, stops the server if another node took it, and gives it up at shutdown.</summary>
public sealed partial class LeaseKeeper(EngineHost host, IHostApplicationLifetime lifetime, ILogger<LeaseKeeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(EngineHost.LeaseDuration / 3);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                bool renewed;
                try
                {
                    renewed = await host.Lease.RenewAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is System.Data.Common.DbException or Microsoft.EntityFrameworkCore.DbUpdateException)
                {
                    LogRenewFailed(exception);
                    continue;
                }

                if (!renewed)
                {
                    LogLost(host.Lease.Holder);
                    lifetime.StopApplication();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await host.Store.WhenDurable().ConfigureAwait(false);
        await host.Lease.ReleaseAsync(cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "renewing the engine lease failed; trying again")]
    private partial void LogRenewFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Critical, Message = "another node took the engine lease from {Holder}; stopping")]
    private partial void LogLost(string holder);
}
