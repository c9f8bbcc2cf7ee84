namespace Orchestrator.Server.Sla;

/// <summary>Registers the SLA monitor.</summary>
public static class SlaServiceExtensions
{
    public static WebApplicationBuilder AddOrchestratorSla(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<SlaOptions>().BindConfiguration("Sla")
            .Validate(o => o.WarningShare is > 0 and < 1 && o.SweepSeconds > 0, "Sla:WarningShare must be between 0 and 1 and Sla:SweepSeconds positive")
            .ValidateOnStart();
        builder.Services.AddSingleton<SlaClock>();
        builder.Services.AddSingleton<SlaMonitor>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SlaMonitor>());
        return builder;
    }
}
