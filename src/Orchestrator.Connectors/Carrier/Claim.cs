namespace Orchestrator.Connectors.Carrier;

/// <summary>A filed claim.</summary>
/// <param name="ClaimId">The claim id.</param>
/// <param name="Status"><c>APPROVED</c>.</param>
/// <param name="Amount">The amount approved.</param>
public sealed record Claim(
    string ClaimId,
    string Status,
    decimal Amount);
