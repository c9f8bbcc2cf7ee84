namespace Orchestrator.Connectors.Carrier;

/// <summary>A cancelled pickup.</summary>
/// <param name="PickupId">The pickup.</param>
/// <param name="Status"><c>Cancelled</c>.</param>
public sealed record PickupCancellation(
    string PickupId,
    string Status);
