namespace Orchestrator.Connectors.Warehouse;

/// <summary>Body of <c>POST /warehouse/rmas</c>.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="Items">What comes back.</param>
/// <param name="Reason">Why it comes back.</param>
public sealed record CreateRmaRequest(
    string OrderId,
    string CustomerId,
    IReadOnlyList<RmaItem> Items,
    string? Reason);
