namespace Orchestrator.Server.Telemetry;

/// <summary>The <c>Telemetry:Metrics</c> section.</summary>
public sealed class MetricsEndpointOptions
{
    /// <summary>
    /// <c>Telemetry:Metrics:AllowAnonymous</c>: anyone may scrape <c>/metrics</c>, for a Prometheus that cannot send
    /// credentials on a network only it reaches. Default false: a signed-in admin or operator only.
    /// </summary>
    public bool AllowAnonymous { get; set; }
}
