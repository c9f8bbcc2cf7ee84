using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Connectors.Common;
using Orchestrator.Feel.Values;

namespace Orchestrator.Connectors.Warehouse;

/// <summary>
/// <c>warehouse.reserveStock</c>: reserves stock for an order (e.g. an exchange).
/// Inputs: <c>orderId</c>, <c>sku</c>, <c>quantity</c>. Result: <c>reservation</c> <c>{reservationId}</c>. BPMN error <c>OUT_OF_STOCK</c>.
/// </summary>
public sealed class ReserveStockHandler(IServiceScopeFactory scopes) : ConnectorHandler<IWarehouseApi>(scopes)
{
    /// <inheritdoc />
    public override string Type => "warehouse.reserveStock";

    /// <inheritdoc />
    public override string ResultVariable => "reservation";

    private protected override async Task<FeelValue> CallAsync(IWarehouseApi api, JobInput input, CancellationToken cancellationToken)
    {
        var request = new ReserveStockRequest(input.String("orderId"), input.String("sku"), input.Integer("quantity"));
        var reservation = await api.ReserveStockAsync(request, input.IdempotencyKey, cancellationToken).ConfigureAwait(false);
        return JobOutput.From(reservation, ConnectorJsonContext.Default.Reservation);
    }
}
