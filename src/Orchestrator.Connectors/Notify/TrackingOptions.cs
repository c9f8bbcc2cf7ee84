namespace Orchestrator.Connectors.Notify;

/// <summary>The customer's tracking page (section <c>Tracking</c>).</summary>
public sealed class TrackingOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Tracking";

    /// <summary>
    /// Where customers reach the orchestrator, e.g. <c>https://service.example.com</c>: a case's page is
    /// <c>{PublicBaseUrl}/track/{trackingToken}</c>. Default: none (messages carry no tracking link).
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }
}
