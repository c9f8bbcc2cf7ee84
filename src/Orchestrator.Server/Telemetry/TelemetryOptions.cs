namespace Orchestrator.Server.Telemetry;

/// <summary>The <c>Telemetry</c> section: who may scrape <c>/metrics</c>, and where traces and metrics are pushed.</summary>
public sealed class TelemetryOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Telemetry";

    /// <summary><c>Telemetry:Metrics</c>: the Prometheus scrape endpoint.</summary>
    public MetricsEndpointOptions Metrics { get; set; } = new();

    /// <summary><c>Telemetry:Otlp</c>: the OpenTelemetry collector traces and metrics go to; none unless set.</summary>
    public OtlpOptions Otlp { get; set; } = new();
}
