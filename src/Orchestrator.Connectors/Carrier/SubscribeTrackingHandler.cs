using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orchestrator.Connectors.Common;
using Orchestrator.Feel.Values;
using Orchestrator.Workers;

namespace Orchestrator.Connectors.Carrier;

/// <summary>
/// <c>carrier.subscribeTracking</c>: asks the carrier to POST every status change of a shipment to a webhook.
/// Inputs: <c>trackingCode</c>; <c>callbackUrl</c> (default <c>Connectors:Carrier:TrackingCallbackUrl</c>). Result: <c>trackingSubscription</c> <c>{subscriptionId}</c>.
/// </summary>
public sealed class SubscribeTrackingHandler(IServiceScopeFactory scopes, IOptions<ConnectorOptions> options) : ConnectorHandler<ICarrierApi>(scopes)
{
    /// <inheritdoc />
    public override string Type => "carrier.subscribeTracking";

    /// <inheritdoc />
    public override string ResultVariable => "trackingSubscription";

    private protected override async Task<FeelValue> CallAsync(ICarrierApi api, JobInput input, CancellationToken cancellationToken)
    {
        var callbackUrl = input.OptionalString("callbackUrl") ?? options.Value.Carrier.TrackingCallbackUrl?.ToString()
            ?? throw new BpmnErrorException(ConnectorErrorCodes.InvalidRequest, $"{Type}: no input 'callbackUrl' and no Connectors:Carrier:TrackingCallbackUrl");
        var subscription = await api.SubscribeAsync(input.String("trackingCode"), new SubscribeTrackingRequest(callbackUrl), input.IdempotencyKey, cancellationToken).ConfigureAwait(false);
        return JobOutput.From(subscription, ConnectorJsonContext.Default.TrackingSubscription);
    }
}
