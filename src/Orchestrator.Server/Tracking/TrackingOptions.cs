namespace Orchestrator.Server.Tracking;

/// <summary>The customer's progress page (<c>Tracking</c> section).</summary>
public sealed class TrackingOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Tracking";

    /// <summary>
    /// <c>Tracking:PublicBaseUrl</c>: the address customers reach this server at (e.g. <c>https://help.shop.example</c>);
    /// notifications link to <c>{PublicBaseUrl}/track/{token}</c>. Unset, messages carry no link (the page still works).
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary><c>Tracking:TimeZone</c>: the IANA time zone the page shows times in. Default UTC.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>
    /// <c>Tracking:MinimumResponseMilliseconds</c>: no answer, found or not, leaves sooner, so that its timing does not tell a
    /// known token from an unknown one. Default 50.
    /// </summary>
    public int MinimumResponseMilliseconds { get; set; } = 50;
}
