namespace Orchestrator.Connectors.Carrier;

/// <summary>Body of <c>POST /carrier/trackers/{trackingCode}/subscriptions</c>.</summary>
/// <param name="CallbackUrl">Where the carrier POSTs signed status-change webhooks.</param>
public sealed record SubscribeTrackingRequest(
    string CallbackUrl);
