using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Connectors.Common;
using Orchestrator.Feel.Values;

namespace Orchestrator.Connectors.Warehouse;

/// <summary>
/// <c>warehouse.reship</c>: sends a replacement article.
/// Inputs: <c>orderId</c>, <c>customerId</c>, <c>sku</c>, <c>quantity</c>. Result: <c>reshipment</c> <c>{shipmentId, trackingCode}</c>. BPMN error <c>OUT_OF_STOCK</c>.
/// </summary>
public sealed class ReshipHandler(IServiceScopeFactory scopes) : ConnectorHandler<IWarehouseApi>(scopes)
{
    /// <inheritdoc />
    public override string Type => "warehouse.reship";

    /// <inheritdoc />
    public override string ResultVariable => "reshipment";

    private protected override async Task<FeelValue> CallAsync(IWarehouseApi api, JobInput input, CancellationToken cancellationToken)
    {
        var request = new ReshipRequest(input.String("orderId"), input.String("customerId"), input.String("sku"), input.Integer("quantity"));
        var reshipment = await api.ReshipAsync(request, input.IdempotencyKey, cancellationToken).ConfigureAwait(false);
        return JobOutput.From(reshipment, ConnectorJsonContext.Default.Reshipment);
    }
}
