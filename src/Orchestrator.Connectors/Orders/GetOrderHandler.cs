using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Connectors.Common;
using Orchestrator.Feel.Values;

namespace Orchestrator.Connectors.Orders;

/// <summary>
/// <c>orders.get</c>: reads an order as placed and paid.
/// Inputs: <c>orderId</c>. Result: <c>order</c> <c>{orderId, customerId, channel, country, currency, orderValue, paidAmount, placedAt, deliveredAt, lines[{sku, name, category, quantity, unitPrice, paidAmount}]}</c>. BPMN error <c>NOT_FOUND</c> for an unknown id.
/// </summary>
public sealed class GetOrderHandler(IServiceScopeFactory scopes) : ConnectorHandler<IOrdersApi>(scopes)
{
    /// <inheritdoc />
    public override string Type => "orders.get";

    /// <inheritdoc />
    public override string ResultVariable => "order";

    private protected override async Task<FeelValue> CallAsync(IOrdersApi api, JobInput input, CancellationToken cancellationToken)
    {
        var order = await api.GetOrderAsync(input.String("orderId"), cancellationToken).ConfigureAwait(false);
        return JobOutput.From(order, ConnectorJsonContext.Default.Order);
    }
}
