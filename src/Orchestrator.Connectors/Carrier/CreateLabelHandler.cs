using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Connectors.Common;
using Orchestrator.Feel.Values;

namespace Orchestrator.Connectors.Carrier;

/// <summary>
/// <c>carrier.createLabel</c>: creates a shipment and its label (a return label when <c>isReturn</c>).
/// Inputs: <c>orderId</c>, <c>customerId</c>, <c>from</c> and <c>to</c> (<c>{name, street, city, postalCode, country}</c>), <c>parcel</c> (<c>{weightKg}</c>), <c>isReturn</c> (default false). Result: <c>label</c> <c>{shipmentId, trackingCode, labelUrl, status}</c>. BPMN error <c>LABEL_REJECTED</c>.
/// </summary>
public sealed class CreateLabelHandler(IServiceScopeFactory scopes) : ConnectorHandler<ICarrierApi>(scopes)
{
    /// <inheritdoc />
    public override string Type => "carrier.createLabel";

    /// <inheritdoc />
    public override string ResultVariable => "label";

    private protected override async Task<FeelValue> CallAsync(ICarrierApi api, JobInput input, CancellationToken cancellationToken)
    {
        var request = new CreateShipmentRequest(
            input.String("orderId"),
            input.String("customerId"),
            input.Object("from", ConnectorJsonContext.Default.Address),
            input.Object("to", ConnectorJsonContext.Default.Address),
            input.Object("parcel", ConnectorJsonContext.Default.Parcel),
            input.Boolean("isReturn", fallback: false));
        var shipment = await api.CreateShipmentAsync(request, input.IdempotencyKey, cancellationToken).ConfigureAwait(false);
        return JobOutput.From(shipment, ConnectorJsonContext.Default.Shipment);
    }
}
