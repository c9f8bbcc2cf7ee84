namespace Orchestrator.Connectors.Warehouse;

/// <summary>Available stock of one article.</summary>
/// <param name="Sku">The article.</param>
/// <param name="Available">Units available.</param>
public sealed record StockLevel(
    string Sku,
    int Available);
