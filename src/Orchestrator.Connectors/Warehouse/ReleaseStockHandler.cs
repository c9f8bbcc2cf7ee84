using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Connectors.Common;
using Orchestrator.Feel.Values;

namespace Orchestrator.Connectors.Warehouse;

/// <summary>
/// <c>warehouse.releaseStock</c>: puts reserved stock back (a compensation handler of <c>warehouse.reserveStock</c>).
/// Inputs: <c>reservationId</c>. Result: <c>stockRelease</c> <c>{reservationId, status}</c>.
/// </summary>
public sealed class ReleaseStockHandler(IServiceScopeFactory scopes) : ConnectorHandler<IWarehouseApi>(scopes)
{
    /// <inheritdoc />
    public override string Type => "warehouse.releaseStock";

    /// <inheritdoc />
    public override string ResultVariable => "stockRelease";

    private protected override async Task<FeelValue> CallAsync(IWarehouseApi api, JobInput input, CancellationToken cancellationToken)
    {
        var released = await api.ReleaseStockAsync(input.String("reservationId"), input.IdempotencyKey, cancellationToken).ConfigureAwait(false);
        return JobOutput.From(released, ConnectorJsonContext.Default.StockRelease);
    }
}
