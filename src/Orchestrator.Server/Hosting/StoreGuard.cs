using Orchestrator.Persistence.Store;

namespace Orchestrator.Server.Hosting;

/// <summary>Opens the engine at start-up (migrations, loading) and stops the server if the database ever refuses a write, so a restart reloads what was committed.</summary>
public sealed partial class StoreGuard(EngineHost host, IHostApplicationLifetime lifetime, ILogger<StoreGuard> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        host.Store.Faulted += OnFaulted;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        host.Store.Faulted -= OnFaulted;
        return Task.CompletedTask;
    }

    private void OnFaulted(StoreFaultedException fault)
    {
        LogFault(fault);
        lifetime.StopApplication();
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "the database refused a write; stopping so that a restart reloads the committed state")]
    private partial void LogFault(Exception exception);
}
