namespace Orchestrator.Connectors.Carrier;

/// <summary>A tracking subscription.</summary>
/// <param name="SubscriptionId">The subscription id.</param>
public sealed record TrackingSubscription(
    string SubscriptionId);
