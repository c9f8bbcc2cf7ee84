using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Connectors.Common;
using Orchestrator.Feel.Values;

namespace Orchestrator.Connectors.Warehouse;

/// <summary>
/// <c>warehouse.getRma</c>: reads where a return stands (expected, received, inspected with a disposition).
/// Inputs: <c>rmaId</c>. Result: <c>rma</c> <c>{rmaId, reference, status, receivedAt?, disposition?, notes?}</c>. BPMN error <c>NOT_FOUND</c> for an unknown id.
/// </summary>
public sealed class GetRmaHandler(IServiceScopeFactory scopes) : ConnectorHandler<IWarehouseApi>(scopes)
{
    /// <inheritdoc />
    public override string Type => "warehouse.getRma";

    /// <inheritdoc />
    public override string ResultVariable => "rma";

    private protected override async Task<FeelValue> CallAsync(IWarehouseApi api, JobInput input, CancellationToken cancellationToken)
    {
        var rma = await api.GetRmaAsync(input.String("rmaId"), cancellationToken).ConfigureAwait(false);
        return JobOutput.From(rma, ConnectorJsonContext.Default.Rma);
    }
}
