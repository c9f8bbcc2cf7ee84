namespace Orchestrator.Connectors;

/// <summary>Where one external API is and how to authenticate (section <c>Connectors:{Carrier|Warehouse|Payment|Notify|Orders|Customers}</c>).</summary>
public class ConnectorEndpointOptions
{
    /// <summary>The API's root, including its path prefix, e.g. <c>http://localhost:5080/carrier</c>. Required for the carrier, warehouse, payment and notification APIs.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Sent as header <c>X-Api-Key</c> on every call when set; never logged. Default: none.</summary>
    public string? ApiKey { get; set; }
}
