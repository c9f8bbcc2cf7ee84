namespace Orchestrator.Connectors.Warehouse;

/// <summary>A returned line.</summary>
/// <param name="Sku">The article.</param>
/// <param name="Quantity">How many.</param>
public sealed record RmaItem(
    string Sku,
    int Quantity);
