namespace Orchestrator.Connectors.Payment;

/// <summary>Body of <c>POST /payment/refunds/{refundId}/reversal</c>.</summary>
/// <param name="Reason">Why the money is taken back, e.g. <c>return-not-received</c>.</param>
public sealed record RefundReversalRequest(
    string Reason);
