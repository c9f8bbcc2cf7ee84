namespace Orchestrator.Connectors.Carrier;

/// <summary>A created shipment and its label.</summary>
/// <param name="ShipmentId">The carrier's shipment id.</param>
/// <param name="TrackingCode">The tracking code.</param>
/// <param name="LabelUrl">Where the printable label is.</param>
/// <param name="Status">The normalised status at creation (normally <c>Created</c>).</param>
public sealed record Shipment(
    string ShipmentId,
    string TrackingCode,
    string LabelUrl,
    string? Status);
