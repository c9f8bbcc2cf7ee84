namespace Orchestrator.Connectors.Warehouse;

/// <summary>Body of <c>POST /warehouse/reshipments</c>.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="Sku">The article to send.</param>
/// <param name="Quantity">How many.</param>
public sealed record ReshipRequest(
    string OrderId,
    string CustomerId,
    string Sku,
    int Quantity);
