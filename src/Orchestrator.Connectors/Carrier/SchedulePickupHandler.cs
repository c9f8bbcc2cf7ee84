using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Connectors.Common;
using Orchestrator.Feel.Values;

namespace Orchestrator.Connectors.Carrier;

/// <summary>
/// <c>carrier.schedulePickup</c>: books the carrier to collect a shipment.
/// Inputs: <c>shipmentId</c>, <c>date</c> (ISO date, e.g. <c>2026-05-04</c>). Result: <c>pickup</c> <c>{pickupId, shipmentId, date, window}</c>. BPMN error <c>PICKUP_UNAVAILABLE</c>.
/// </summary>
public sealed class SchedulePickupHandler(IServiceScopeFactory scopes) : ConnectorHandler<ICarrierApi>(scopes)
{
    /// <inheritdoc />
    public override string Type => "carrier.schedulePickup";

    /// <inheritdoc />
    public override string ResultVariable => "pickup";

    private protected override async Task<FeelValue> CallAsync(ICarrierApi api, JobInput input, CancellationToken cancellationToken)
    {
        var request = new SchedulePickupRequest(input.String("shipmentId"), input.String("date"));
        var pickup = await api.SchedulePickupAsync(request, input.IdempotencyKey, cancellationToken).ConfigureAwait(false);
        return JobOutput.From(pickup, ConnectorJsonContext.Default.Pickup);
    }
}
