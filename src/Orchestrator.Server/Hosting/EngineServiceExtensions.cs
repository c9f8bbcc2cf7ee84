using Orchestrator.Persistence;
using Orchestrator.Persistence.Store;
using Orchestrator.Server.Messages;

namespace Orchestrator.Server.Hosting;

/// <summary>Registers the engine, its database, the timer loop and start-up deployment.</summary>
public static class EngineServiceExtensions
{
    public static WebApplicationBuilder AddOrchestratorEngine(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddSingleton(sp => Read(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<ServerOptions>();
            var connection = options.ConnectionString ?? (options.Provider == DatabaseProvider.Sqlite
                ? ServerPaths.DefaultConnectionString
                : throw new InvalidOperationException("Database:Provider PostgreSql needs ConnectionStrings:Orchestrator"));
            return new OrchestratorDatabase(options.Provider, connection);
        });
        services.AddSingleton(new DurableStoreOptions());
        services.AddSingleton<ControllableClock>();
        services.AddSingleton<BusinessCalendars>();
        services.AddSingleton<JobSignals>();
        services.AddSingleton<TimerAgenda>();
        services.AddSingleton<EngineHost>();
        services.AddSingleton<InstanceCompletions>();
        services.AddScoped(sp => sp.GetRequiredService<OrchestratorDatabase>().CreateContext());
        services.AddHostedService<WorkflowDeployer>();
        services.AddHostedService<DemoSeeder>();
        services.AddHostedService<StoreGuard>();
        services.AddHostedService<ClusterMember>();
        services.AddHostedService<ExpiredMessagePurge>();
        return builder;
    }

    private static ServerOptions Read(IConfiguration config)
    {
        var options = new ServerOptions
        {
            Provider = config.GetValue("Database:Provider", DatabaseProvider.Sqlite),
            ConnectionString = config.GetConnectionString("Orchestrator"),
            ClockControl = config.GetValue("Engine:ClockControl", false),
            NodeId = config.GetValue<int?>("Engine:NodeId"),
            WorkflowsPath = config["Workflows:Path"],
        };
        return options.NodeId is < 0 or > DurableStoreOptions.MaxNodeId
            ? throw new InvalidOperationException($"Engine:NodeId {options.NodeId} must be between 0 and {DurableStoreOptions.MaxNodeId}")
            : options;
    }
}
