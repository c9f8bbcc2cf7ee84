namespace Orchestrator.Connectors.Warehouse;

/// <summary>A replacement shipment.</summary>
/// <param name="ShipmentId">The shipment id.</param>
/// <param name="TrackingCode">The tracking code.</param>
public sealed record Reshipment(
    string ShipmentId,
    string TrackingCode);
