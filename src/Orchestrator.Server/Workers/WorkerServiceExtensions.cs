using Orchestrator.Workers;

namespace Orchestrator.Server.Workers;

/// <summary>Registers in-process workers.</summary>
public static class WorkerServiceExtensions
{
    /// <summary>The worker host and its options (section <c>Workers</c>); handlers are added with <see cref="AddJobHandler{THandler}"/>.</summary>
    public static WebApplicationBuilder AddOrchestratorWorkers(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<JobWorkerOptions>().BindConfiguration("Workers").Validate(o => o.MaxConcurrentJobs > 0, "Workers:MaxConcurrentJobs must be positive").ValidateOnStart();
        builder.Services.AddHostedService<JobWorkerService>();
        return builder;
    }

    /// <summary>Adds an in-process handler for its task type.</summary>
    public static IServiceCollection AddJobHandler<THandler>(this IServiceCollection services)
        where THandler : class, IJobHandler =>
        services.AddSingleton<IJobHandler, THandler>();
}
