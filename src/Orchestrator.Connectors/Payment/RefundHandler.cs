using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Connectors.Common;
using Orchestrator.Feel.Values;

namespace Orchestrator.Connectors.Payment;

/// <summary>
/// <c>payment.refund</c>: pays money back.
/// Inputs: <c>orderId</c>, <c>customerId</c>, <c>amount</c>, <c>currency</c>, <c>method</c> (<c>original</c> (default) or <c>store_credit</c>), <c>reason</c> (optional). Result: <c>refund</c> <c>{refundId, status, amount, method}</c>. BPMN error <c>REFUND_DECLINED</c>.
/// </summary>
public sealed class RefundHandler(IServiceScopeFactory scopes) : ConnectorHandler<IPaymentApi>(scopes)
{
    /// <inheritdoc />
    public override string Type => "payment.refund";

    /// <inheritdoc />
    public override string ResultVariable => "refund";

    private protected override async Task<FeelValue> CallAsync(IPaymentApi api, JobInput input, CancellationToken cancellationToken)
    {
        var request = new RefundRequest(
            input.String("orderId"),
            input.String("customerId"),
            input.Number("amount"),
            input.String("currency"),
            input.OptionalString("method") ?? "original",
            input.OptionalString("reason"));
        var refund = await api.RefundAsync(request, input.IdempotencyKey, cancellationToken).ConfigureAwait(false);
        return JobOutput.From(refund, ConnectorJsonContext.Default.Refund);
    }
}
