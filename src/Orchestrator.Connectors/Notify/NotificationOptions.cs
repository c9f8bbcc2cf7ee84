namespace Orchestrator.Connectors.Notify;

/// <summary>The shop's message catalogue (section <c>Notifications</c>).</summary>
public sealed class NotificationOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Notifications";

    /// <summary>
    /// The catalogue folder (<c>&lt;template&gt;/&lt;language&gt;.txt</c>). The server's default is <c>notifications</c> in its
    /// workflows folder (<c>Workflows:Path</c>, else the shipped one); a host that sets nothing reads
    /// <c>workflows/notifications</c> under the working directory. A missing folder is an empty catalogue.
    /// </summary>
    public string? Path { get; set; }

    /// <summary>
    /// <c>Notifications:TrackingBaseUrl</c>: where customers reach the orchestrator, e.g. <c>https://service.example.com</c>;
    /// messages link a case's page, <c>{TrackingBaseUrl}/track/{trackingToken}</c>. The server sets it from
    /// <c>Tracking:PublicBaseUrl</c>. Unset: messages carry no link.
    /// </summary>
    public Uri? TrackingBaseUrl { get; set; }
}
