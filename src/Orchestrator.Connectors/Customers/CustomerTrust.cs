namespace Orchestrator.Connectors.Customers;

/// <summary>A customer's trust after a trust event.</summary>
/// <param name="CustomerId">The customer id.</param>
/// <param name="TrustLevel"><c>low</c>, <c>normal</c> or <c>trusted</c>, recomputed from the score.</param>
/// <param name="TrustScore">The lowered score, 0 to 100.</param>
public sealed record CustomerTrust(
    string CustomerId,
    string TrustLevel,
    int TrustScore);
