using Refit;

namespace Orchestrator.Connectors.Payment;

/// <summary>
/// The payment API (<c>contracts/payment.openapi.yaml</c>). Paths are relative to <c>Connectors:Payment:BaseUrl</c>,
/// which includes the API's prefix (e.g. <c>http://localhost:5080/payment</c>).
/// </summary>
public interface IPaymentApi
{
    /// <summary>Refunds money to the original means of payment or as store credit. 422 <c>REFUND_DECLINED</c> when the provider refuses.</summary>
    /// <param name="request">Order, customer, amount, currency, method and reason.</param>
    /// <param name="idempotencyKey">The same key with the same body answers the first result again and pays once.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    [Post("/refunds")]
    Task<Refund> RefundAsync([Body] RefundRequest request, [Header("Idempotency-Key")] string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>
    /// Takes a refund's money back. 404 for an unknown refund, 409 <c>ALREADY_REVERSED</c> when it was reversed before with
    /// another key, 422 <c>REVERSAL_DECLINED</c> when the provider refuses.
    /// </summary>
    /// <param name="refundId">The refund.</param>
    /// <param name="request">Why.</param>
    /// <param name="idempotencyKey">The same key with the same body answers the first result again and reverses once.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    [Post("/refunds/{refundId}/reversal")]
    Task<RefundReversal> ReverseRefundAsync(string refundId, [Body] RefundReversalRequest request, [Header("Idempotency-Key")] string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>The refunds of an order.</summary>
    /// <param name="orderId">The order.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    [Get("/refunds")]
    Task<IReadOnlyList<Refund>> GetRefundsAsync([Query] string orderId, CancellationToken cancellationToken);
}
