namespace Orchestrator.Connectors.Carrier;

/// <summary>One status change of a shipment.</summary>
/// <param name="Status">The normalised status (see <see cref="TrackingStatus"/>).</param>
/// <param name="CarrierStatus">The carrier's raw value.</param>
/// <param name="At">When it happened (UTC).</param>
public sealed record TrackingEvent(
    string Status,
    string? CarrierStatus,
    DateTimeOffset At);
