namespace Orchestrator.Connectors.Payment;

/// <summary>A refund.</summary>
/// <param name="RefundId">The refund id.</param>
/// <param name="Status"><c>SUCCEEDED</c>.</param>
/// <param name="Amount">The amount refunded.</param>
/// <param name="Method"><c>original</c> or <c>store_credit</c>.</param>
public sealed record Refund(
    string RefundId,
    string Status,
    decimal Amount,
    string? Method);
