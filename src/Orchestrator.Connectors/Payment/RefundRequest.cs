namespace Orchestrator.Connectors.Payment;

/// <summary>Body of <c>POST /payment/refunds</c>.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="Amount">The amount (the provider declines more than 2000).</param>
/// <param name="Currency">ISO 4217 currency code.</param>
/// <param name="Method"><c>original</c> or <c>store_credit</c>.</param>
/// <param name="Reason">Why the money goes back.</param>
public sealed record RefundRequest(
    string OrderId,
    string CustomerId,
    decimal Amount,
    string Currency,
    string Method,
    string? Reason);
