using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Connectors.Common;
using Orchestrator.Feel.Values;

namespace Orchestrator.Connectors.Warehouse;

/// <summary>
/// <c>warehouse.createRma</c>: opens a return merchandise authorisation.
/// Inputs: <c>orderId</c>, <c>customerId</c>, <c>items</c> (list of <c>{sku, quantity}</c>), <c>reason</c> (optional). Result: <c>rma</c> <c>{rmaId, reference}</c>.
/// </summary>
public sealed class CreateRmaHandler(IServiceScopeFactory scopes) : ConnectorHandler<IWarehouseApi>(scopes)
{
    /// <inheritdoc />
    public override string Type => "warehouse.createRma";

    /// <inheritdoc />
    public override string ResultVariable => "rma";

    private protected override async Task<FeelValue> CallAsync(IWarehouseApi api, JobInput input, CancellationToken cancellationToken)
    {
        var request = new CreateRmaRequest(
            input.String("orderId"),
            input.String("customerId"),
            input.Object("items", ConnectorJsonContext.Default.IReadOnlyListRmaItem),
            input.OptionalString("reason"));
        var rma = await api.CreateRmaAsync(request, input.IdempotencyKey, cancellationToken).ConfigureAwait(false);
        return JobOutput.From(rma, ConnectorJsonContext.Default.RmaCreated);
    }
}
