using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Connectors.Common;
using Orchestrator.Feel.Values;

namespace Orchestrator.Connectors.Carrier;

/// <summary>
/// <c>carrier.fileClaim</c>: claims compensation for a lost or damaged parcel.
/// Inputs: <c>trackingCode</c>, <c>reason</c> (<c>lost</c> or <c>damaged</c>), <c>amount</c>, <c>currency</c>. Result: <c>claim</c> <c>{claimId, status, amount}</c>. BPMN error <c>CLAIM_DENIED</c>.
/// </summary>
public sealed class FileClaimHandler(IServiceScopeFactory scopes) : ConnectorHandler<ICarrierApi>(scopes)
{
    /// <inheritdoc />
    public override string Type => "carrier.fileClaim";

    /// <inheritdoc />
    public override string ResultVariable => "claim";

    private protected override async Task<FeelValue> CallAsync(ICarrierApi api, JobInput input, CancellationToken cancellationToken)
    {
        var request = new FileClaimRequest(input.String("trackingCode"), input.String("reason"), input.Number("amount"), input.String("currency"));
        var claim = await api.FileClaimAsync(request, input.IdempotencyKey, cancellationToken).ConfigureAwait(false);
        return JobOutput.From(claim, ConnectorJsonContext.Default.Claim);
    }
}
