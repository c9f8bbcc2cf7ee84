using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Connectors.Common;
using Orchestrator.Feel.Values;

namespace Orchestrator.Connectors.Payment;

/// <summary>
/// <c>payment.reverseRefund</c>: takes a refund's money back (a claw-back); idempotent per job.
/// Inputs: <c>refundId</c>, <c>reason</c>. Result: <c>refundReversal</c> <c>{reversalId, refundId, orderId, amount, currency, status}</c>. BPMN errors <c>REVERSAL_DECLINED</c>, <c>ALREADY_REVERSED</c> (another job reversed it), <c>NOT_FOUND</c>.
/// </summary>
public sealed class ReverseRefundHandler(IServiceScopeFactory scopes) : ConnectorHandler<IPaymentApi>(scopes)
{
    /// <inheritdoc />
    public override string Type => "payment.reverseRefund";

    /// <inheritdoc />
    public override string ResultVariable => "refundReversal";

    private protected override async Task<FeelValue> CallAsync(IPaymentApi api, JobInput input, CancellationToken cancellationToken)
    {
        var refundId = input.String("refundId");
        var request = new RefundReversalRequest(input.String("reason"));
        var reversal = await api.ReverseRefundAsync(refundId, request, input.IdempotencyKey, cancellationToken).ConfigureAwait(false);
        return JobOutput.From(reversal, ConnectorJsonContext.Default.RefundReversal);
    }
}
