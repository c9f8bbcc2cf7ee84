namespace Orchestrator.Connectors.Warehouse;

/// <summary>A stock reservation.</summary>
/// <param name="ReservationId">The reservation id.</param>
public sealed record Reservation(
    string ReservationId);
