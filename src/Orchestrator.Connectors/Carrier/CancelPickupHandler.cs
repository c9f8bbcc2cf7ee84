using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Connectors.Common;
using Orchestrator.Feel.Values;

namespace Orchestrator.Connectors.Carrier;

/// <summary>
/// <c>carrier.cancelPickup</c>: cancels a booked pickup (a compensation handler of <c>carrier.schedulePickup</c>).
/// Inputs: <c>pickupId</c>. Result: <c>pickupCancellation</c> <c>{pickupId, status}</c>.
/// </summary>
public sealed class CancelPickupHandler(IServiceScopeFactory scopes) : ConnectorHandler<ICarrierApi>(scopes)
{
    /// <inheritdoc />
    public override string Type => "carrier.cancelPickup";

    /// <inheritdoc />
    public override string ResultVariable => "pickupCancellation";

    private protected override async Task<FeelValue> CallAsync(ICarrierApi api, JobInput input, CancellationToken cancellationToken)
    {
        var cancelled = await api.CancelPickupAsync(input.String("pickupId"), input.IdempotencyKey, cancellationToken).ConfigureAwait(false);
        return JobOutput.From(cancelled, ConnectorJsonContext.Default.PickupCancellation);
    }
}
