namespace Orchestrator.Connectors.Payment;

/// <summary>A reversed refund: the money is taken back from the customer.</summary>
/// <param name="ReversalId">The reversal id.</param>
/// <param name="RefundId">The refund reversed.</param>
/// <param name="OrderId">The refund's order.</param>
/// <param name="Amount">The amount taken back.</param>
/// <param name="Currency">ISO 4217 currency of the amount.</param>
/// <param name="Status"><c>reversed</c>.</param>
public sealed record RefundReversal(
    string ReversalId,
    string RefundId,
    string OrderId,
    decimal Amount,
    string Currency,
    string Status);
