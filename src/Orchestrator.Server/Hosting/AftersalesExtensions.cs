using Microsoft.Extensions.Options;
using Orchestrator.Connectors;
using Orchestrator.Connectors.Notify;
using Orchestrator.Connectors.Voc;
using Orchestrator.Server.Tracking;
using Orchestrator.Simulators;

namespace Orchestrator.Server.Hosting;

/// <summary>
/// The after-sales connectors (when <c>Connectors:Carrier:BaseUrl</c> is configured) and, with
/// <c>Simulators:Enabled</c> (on in Development), the simulated carrier, warehouse, payment, notification, orders and customers
/// APIs mounted under <c>/sim</c>, following the server's clock (with both, <see cref="SimulatorAddressCheck"/> warns at start when
/// the connectors call <c>/sim</c> on a port the server does not listen on). The message catalogue is <c>Notifications:Path</c>, by
/// default <c>notifications</c> in the workflows folder the server deploys from (so a published app folder has it too); the VOC
/// reason catalogue is <c>Voc:ReasonsPath</c>, by default <c>voc/reasons.json</c> there.
/// </summary>
public static class AftersalesExtensions
{
    /// <summary>Where the simulated APIs are mounted.</summary>
    public const string SimulatorsPath = "/sim";

    public static WebApplicationBuilder AddOrchestratorAftersales(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddVocReasons(builder.Configuration);
        builder.Services.AddOptions<ReasonOptions>().PostConfigure<ServerOptions>((reasons, server) =>
            reasons.ReasonsPath ??= WorkflowDeployer.Folder(server) is { } workflows ? Path.Combine(workflows, "voc", "reasons.json") : null);
        var simulators = builder.Configuration.GetValue("Simulators:Enabled", false);
        if (simulators)
        {
            builder.Services.AddSimulators(builder.Configuration);
        }

        if (!string.IsNullOrEmpty(builder.Configuration["Connectors:Carrier:BaseUrl"]))
        {
            builder.Services.AddOrchestratorConnectors(builder.Configuration);
            builder.Services.AddOptions<NotificationOptions>().PostConfigure<ServerOptions, IOptions<TrackingOptions>>((notifications, server, tracking) =>
            {
                notifications.Path ??= WorkflowDeployer.Folder(server) is { } workflows ? Path.Combine(workflows, "notifications") : null;
                notifications.TrackingBaseUrl ??= tracking.Value.PublicBaseUrl;
            });
            if (simulators)
            {
                builder.Services.AddHostedService<SimulatorAddressCheck>();
            }
        }

        return builder;
    }

    public static WebApplication MapOrchestratorSimulators(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Configuration.GetValue("Simulators:Enabled", false))
        {
            app.MapSimulators(SimulatorsPath);
            var server = app.Services.GetRequiredService<ControllableClock>();
            var simulated = app.Services.GetRequiredService<SimulatorClock>();
            server.Changed += () =>
            {
                if (server.Pinned is { } pinned)
                {
                    simulated.Pin(pinned);
                }
                else
                {
                    simulated.Reset();
                }
            };
        }

        return app;
    }
}
