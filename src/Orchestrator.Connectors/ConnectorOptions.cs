namespace Orchestrator.Connectors;

/// <summary>
/// The external after-sales APIs (section <c>Connectors</c>). Retries and timeouts are the standard resilience
/// handler's, adjustable in section <c>Connectors:Resilience</c> (<c>HttpStandardResilienceOptions</c>: by default
/// 3 retries with exponential back-off and jitter from 2 s, 10 s per attempt, 30 s in all).
/// </summary>
public sealed class ConnectorOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Connectors";

    /// <summary>The carrier API.</summary>
    public CarrierConnectorOptions Carrier { get; set; } = new();

    /// <summary>The warehouse API.</summary>
    public ConnectorEndpointOptions Warehouse { get; set; } = new();

    /// <summary>The payment API.</summary>
    public ConnectorEndpointOptions Payment { get; set; } = new();

    /// <summary>The notification API.</summary>
    public ConnectorEndpointOptions Notify { get; set; } = new();

    /// <summary>The shop's orders API. Optional: without a base URL its task type has no handler here.</summary>
    public ConnectorEndpointOptions Orders { get; set; } = new();

    /// <summary>The shop's customers API. Optional: without a base URL its task types have no handler here.</summary>
    public ConnectorEndpointOptions Customers { get; set; } = new();
}
