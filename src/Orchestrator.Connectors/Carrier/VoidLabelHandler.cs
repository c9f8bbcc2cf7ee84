using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Connectors.Common;
using Orchestrator.Feel.Values;

namespace Orchestrator.Connectors.Carrier;

/// <summary>
/// <c>carrier.voidLabel</c>: voids a shipment's label (a compensation handler of <c>carrier.createLabel</c>).
/// Inputs: <c>shipmentId</c>. Result: <c>labelVoid</c> <c>{shipmentId, status}</c>. BPMN error <c>LABEL_IN_USE</c> (the carrier has the parcel).
/// </summary>
public sealed class VoidLabelHandler(IServiceScopeFactory scopes) : ConnectorHandler<ICarrierApi>(scopes)
{
    /// <inheritdoc />
    public override string Type => "carrier.voidLabel";

    /// <inheritdoc />
    public override string ResultVariable => "labelVoid";

    private protected override async Task<FeelValue> CallAsync(ICarrierApi api, JobInput input, CancellationToken cancellationToken)
    {
        var voided = await api.VoidLabelAsync(input.String("shipmentId"), input.IdempotencyKey, cancellationToken).ConfigureAwait(false);
        return JobOutput.From(voided, ConnectorJsonContext.Default.LabelVoid);
    }
}
