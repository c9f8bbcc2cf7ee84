using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Connectors.Common;
using Orchestrator.Feel.Values;

namespace Orchestrator.Connectors.Carrier;

/// <summary>
/// <c>carrier.getTracking</c>: reads where a shipment is.
/// Inputs: <c>trackingCode</c>; <c>provider</c> (default <c>easypost</c>): the vocabulary of <c>carrierStatus</c>, used when the answer has no normalised <c>status</c>. Result: <c>tracking</c> <c>{trackingCode, status, carrierStatus, events}</c> with <c>status</c> one of <see cref="TrackingStatus"/>. BPMN error <c>NOT_FOUND</c> for an unknown tracking code.
/// </summary>
public sealed class GetTrackingHandler(IServiceScopeFactory scopes) : ConnectorHandler<ICarrierApi>(scopes)
{
    /// <inheritdoc />
    public override string Type => "carrier.getTracking";

    /// <inheritdoc />
    public override string ResultVariable => "tracking";

    private protected override async Task<FeelValue> CallAsync(ICarrierApi api, JobInput input, CancellationToken cancellationToken)
    {
        var provider = input.OptionalString("provider") ?? "easypost";
        var tracker = await api.GetTrackerAsync(input.String("trackingCode"), cancellationToken).ConfigureAwait(false);
        if (!TrackingStatuses.IsNormalised(tracker.Status) && TrackingStatuses.TryNormalise(provider, tracker.CarrierStatus, out var status))
        {
            tracker = tracker with { Status = status.ToString() };
        }

        return JobOutput.From(tracker, ConnectorJsonContext.Default.Tracker);
    }
}
