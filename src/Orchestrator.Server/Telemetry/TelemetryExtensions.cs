using Microsoft.Extensions.Diagnostics.Metrics;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orchestrator.Persistence.Store;
using Orchestrator.Server.Auth;
using Orchestrator.Server.Hosting;

namespace Orchestrator.Server.Telemetry;

/// <summary>OpenTelemetry: metrics for Prometheus at <c>/metrics</c> (and OTLP when configured), traces to OTLP when configured.</summary>
public static class TelemetryExtensions
{
    /// <summary>Where Prometheus scrapes.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>The service name on every span and metric pushed by OTLP.</summary>
    public const string ServiceName = "orchestrator";

    /// <summary>The meters exported: the server's, the journal's, ASP.NET Core's (requests, connections, routing, errors) and HttpClient's.</summary>
    public static IReadOnlyList<string> MeterNames { get; } =
    [
        OrchestratorMetrics.MeterName, DurableEngineStore.MeterName,
        "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Routing", "Microsoft.AspNetCore.Diagnostics",
        "System.Net.Http", "System.Runtime",
    ];

    /// <summary>Registers the instruments, the meter provider with the Prometheus exporter and, with an OTLP endpoint, the tracer provider.</summary>
    public static WebApplicationBuilder AddOrchestratorTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section)
            .Validate(o => o.Otlp.Endpoint is null || o.Otlp.Endpoint.IsAbsoluteUri, "Telemetry:Otlp:Endpoint must be an absolute URL")
            .ValidateOnStart();
        builder.Services.AddSingleton<OrchestratorMetrics>();

        // Whether to push is decided while services are registered, before options can be resolved: read the section here too.
        var otlp = (builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new()).Otlp;
        // Meters are enabled through the host's metrics rules, not the SDK's AddMeter: the rules take only this host's meters
        // (and static ones), where AddMeter would listen to every meter of that name in the process, and a second host
        // in the same process (the tests run several) would then disable this one's instruments when it stops.
        builder.Services.AddMetrics(rules =>
        {
            foreach (var meter in MeterNames)
            {
                rules.EnableMetrics(meter);
            }
        });
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithMetrics(metrics =>
            {
                // No cached answers: a scrape right after a change shows it (a scrape is cheap, and only operators may ask).
                metrics.AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0);
                if (otlp.Endpoint is not null)
                {
                    metrics.AddOtlpExporter(exporter => Configure(exporter, otlp, "v1/metrics"));
                }
            });
        if (otlp.Endpoint is not null)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(EngineHost.ActivitySourceName)
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments(MetricsPath, StringComparison.Ordinal))
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(exporter => Configure(exporter, otlp, "v1/traces")));
        }

        return builder;
    }

    /// <summary>
    /// <c>GET /metrics</c> in Prometheus' text format: for a signed-in admin or operator (HTTP Basic, an API key or a
    /// bearer token, as Prometheus sends them), or anyone when <c>Telemetry:Metrics:AllowAnonymous</c> is true.
    /// </summary>
    public static IEndpointConventionBuilder MapOrchestratorMetrics(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var endpoint = app.MapPrometheusScrapingEndpoint(MetricsPath).DisableHttpMetrics();
        return app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<TelemetryOptions>>().Value.Metrics.AllowAnonymous
            ? endpoint.AllowAnonymous()
            : endpoint.RequirePermission(Permissions.MetricsRead);
    }

    private static void Configure(OtlpExporterOptions exporter, OtlpOptions options, string httpPath)
    {
        exporter.Protocol = options.Protocol;
        // Over HTTP the exporter takes the signal's full URL; over gRPC the collector's address.
        exporter.Endpoint = options.Protocol == OtlpExportProtocol.HttpProtobuf
            ? new Uri(options.Endpoint!.AbsoluteUri.TrimEnd('/') + "/" + httpPath)
            : options.Endpoint!;
        if (options.Headers is { Length: > 0 } headers)
        {
            exporter.Headers = headers;
        }
    }
}
