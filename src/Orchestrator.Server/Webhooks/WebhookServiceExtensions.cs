namespace Orchestrator.Server.Webhooks;

/// <summary>Registers inbound webhooks.</summary>
public static class WebhookServiceExtensions
{
    public static WebApplicationBuilder AddOrchestratorWebhooks(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<WebhookOptions>().BindConfiguration("Webhooks")
            .Validate(o => o.ToleranceSeconds > 0 && o.MaxBodyBytes > 0, "Webhooks:ToleranceSeconds and Webhooks:MaxBodyBytes must be positive")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp =>
        {
            var engine = sp.GetRequiredService<Hosting.EngineHost>().Engine;
            return new WebhookRegistry(
                sp.GetRequiredService<Persistence.OrchestratorDatabase>(), engine.Store.Definitions, engine.Feel, sp.GetRequiredService<ILogger<WebhookRegistry>>());
        });
        builder.Services.AddSingleton<WebhookProcessor>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<WebhookProcessor>());
        return builder;
    }
}
