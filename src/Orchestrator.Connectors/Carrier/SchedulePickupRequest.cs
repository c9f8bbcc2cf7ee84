namespace Orchestrator.Connectors.Carrier;

/// <summary>Body of <c>POST /carrier/pickups</c>.</summary>
/// <param name="ShipmentId">The shipment to collect.</param>
/// <param name="Date">The pickup day, ISO 8601 (<c>2026-05-04</c>).</param>
public sealed record SchedulePickupRequest(
    string ShipmentId,
    string Date);
