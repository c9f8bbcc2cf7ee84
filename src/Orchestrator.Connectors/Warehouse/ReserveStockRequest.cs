namespace Orchestrator.Connectors.Warehouse;

/// <summary>Body of <c>POST /warehouse/reservations</c>.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="Sku">The article.</param>
/// <param name="Quantity">How many.</param>
public sealed record ReserveStockRequest(
    string OrderId,
    string Sku,
    int Quantity);
