using Orchestrator.Persistence;
using Orchestrator.Server.Hosting;
using Quartz;

namespace Orchestrator.Server.Timers;

/// <summary>Quartz with its persistent job store in the orchestrator's database (clustered on PostgreSQL), and the clock-control timer loop.</summary>
public static class TimerServiceExtensions
{
    public static WebApplicationBuilder AddOrchestratorTimers(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var config = builder.Configuration;
        var provider = config.GetValue("Database:Provider", DatabaseProvider.Sqlite);
        var connection = config.GetConnectionString("Orchestrator") ?? ServerPaths.DefaultConnectionString;
        builder.Services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = "orchestrator";
                // Each process its own scheduler instance (nodes claim their node ids later, from the database).
                s.InstanceId = "AUTO";
            });
            // A node that dies while firing a timer: another node fires it again (firing twice does nothing).
            q.AddJob<FireTimerJob>(j => j.WithIdentity(FireTimerJob.Key).StoreDurably().RequestRecovery());
            q.UsePersistentStore(store =>
            {
                store.UseSystemTextJsonSerializer();
                store.ProvisionSchema();
                if (provider == DatabaseProvider.PostgreSql)
                {
                    store.UsePostgres(connection);
                    // A dead node's triggers are taken over after about two check-in periods.
                    store.UseClustering(c => c.CheckinInterval = TimeSpan.FromSeconds(2));
                }
                else
                {
                    // Microsoft.Data.Sqlite waits this long (seconds) for the write lock it shares with the engine's writer.
                    store.UseSqlite(connection.TrimEnd(';') + ";Default Timeout=30");
                }
            });
        });
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        builder.Services.AddHostedService<QuartzTimerBridge>();
        if (config.GetValue("Engine:ClockControl", false))
        {
            builder.Services.AddHostedService<TimerLoop>();
        }

        return builder;
    }
}
