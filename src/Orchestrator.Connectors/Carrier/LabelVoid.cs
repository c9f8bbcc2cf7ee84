namespace Orchestrator.Connectors.Carrier;

/// <summary>A voided label.</summary>
/// <param name="ShipmentId">The shipment whose label was voided.</param>
/// <param name="Status"><c>Voided</c>.</param>
public sealed record LabelVoid(
    string ShipmentId,
    string Status);
