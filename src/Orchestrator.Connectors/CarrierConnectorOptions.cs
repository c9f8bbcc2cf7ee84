namespace Orchestrator.Connectors;

/// <summary>The carrier API (section <c>Connectors:Carrier</c>).</summary>
public sealed class CarrierConnectorOptions : ConnectorEndpointOptions
{
    /// <summary>The webhook URL <c>carrier.subscribeTracking</c> registers when its job has no <c>callbackUrl</c> input. Default: none.</summary>
    public Uri? TrackingCallbackUrl { get; set; }
}
