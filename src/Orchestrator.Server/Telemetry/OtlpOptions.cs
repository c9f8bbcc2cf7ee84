using OpenTelemetry.Exporter;

namespace Orchestrator.Server.Telemetry;

/// <summary>The <c>Telemetry:Otlp</c> section.</summary>
public sealed class OtlpOptions
{
    /// <summary>
    /// <c>Telemetry:Otlp:Endpoint</c>: the collector's base address, e.g. <c>http://otel-collector:4317</c> for gRPC or
    /// <c>http://otel-collector:4318</c> for HTTP (the server adds <c>/v1/traces</c> and <c>/v1/metrics</c>). Unset (the
    /// default): nothing is pushed; traces reach only in-process listeners and metrics only <c>/metrics</c>.
    /// </summary>
    public Uri? Endpoint { get; set; }

    /// <summary><c>Telemetry:Otlp:Protocol</c>: <c>Grpc</c> (default) or <c>HttpProtobuf</c>.</summary>
    public OtlpExportProtocol Protocol { get; set; } = OtlpExportProtocol.Grpc;

    /// <summary><c>Telemetry:Otlp:Headers</c>: headers the collector wants, as <c>key=value</c> pairs separated by commas (an API key).</summary>
    public string? Headers { get; set; }
}
