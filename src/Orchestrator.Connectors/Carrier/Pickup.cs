namespace Orchestrator.Connectors.Carrier;

/// <summary>A booked pickup.</summary>
/// <param name="PickupId">The pickup id.</param>
/// <param name="ShipmentId">The shipment.</param>
/// <param name="Date">The pickup day.</param>
/// <param name="Window">The time window, e.g. <c>09:00-13:00</c>.</param>
public sealed record Pickup(
    string PickupId,
    string ShipmentId,
    string Date,
    string? Window);
