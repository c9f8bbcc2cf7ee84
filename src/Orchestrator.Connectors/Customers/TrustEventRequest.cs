namespace Orchestrator.Connectors.Customers;

/// <summary>Body of <c>POST /customers/{customerId}/trust-events</c>.</summary>
/// <param name="Reason">Why trust is lowered, e.g. <c>refund-clawback</c>.</param>
/// <param name="OrderId">The order that gave the reason.</param>
/// <param name="Penalty">How many points the trust score loses (1 to 100).</param>
public sealed record TrustEventRequest(
    string Reason,
    string OrderId,
    int Penalty);
