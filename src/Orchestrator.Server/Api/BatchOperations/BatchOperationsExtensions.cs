namespace Orchestrator.Server.Api.BatchOperations;

/// <summary>Registers the batch operation runner.</summary>
public static class BatchOperationsExtensions
{
    public static WebApplicationBuilder AddOrchestratorBatchOperations(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<BatchOperationRunner>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<BatchOperationRunner>());
        return builder;
    }
}
