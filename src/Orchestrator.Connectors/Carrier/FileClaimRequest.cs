namespace Orchestrator.Connectors.Carrier;

/// <summary>Body of <c>POST /carrier/claims</c>.</summary>
/// <param name="TrackingCode">The shipment.</param>
/// <param name="Reason"><c>lost</c> or <c>damaged</c>.</param>
/// <param name="Amount">The amount claimed (the carrier denies more than 500).</param>
/// <param name="Currency">ISO 4217 currency code.</param>
public sealed record FileClaimRequest(
    string TrackingCode,
    string Reason,
    decimal Amount,
    string Currency);
