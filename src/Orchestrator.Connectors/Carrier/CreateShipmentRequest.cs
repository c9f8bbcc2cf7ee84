namespace Orchestrator.Connectors.Carrier;

/// <summary>Body of <c>POST /carrier/shipments</c>.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="From">Sender.</param>
/// <param name="To">Recipient.</param>
/// <param name="Parcel">The parcel.</param>
/// <param name="IsReturn">True for a return label (customer to warehouse).</param>
public sealed record CreateShipmentRequest(
    string OrderId,
    string CustomerId,
    Address From,
    Address To,
    Parcel Parcel,
    bool IsReturn);
