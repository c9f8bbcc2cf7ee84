namespace Orchestrator.Connectors.Carrier;

/// <summary>The tracking state of a shipment.</summary>
/// <param name="TrackingCode">The tracking code.</param>
/// <param name="Status">The normalised status (see <see cref="TrackingStatus"/>).</param>
/// <param name="CarrierStatus">The carrier's raw value (EasyPost style).</param>
/// <param name="Events">The history, oldest first.</param>
public sealed record Tracker(
    string TrackingCode,
    string? Status,
    string? CarrierStatus,
    IReadOnlyList<TrackingEvent>? Events);
