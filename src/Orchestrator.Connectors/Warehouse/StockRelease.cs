namespace Orchestrator.Connectors.Warehouse;

/// <summary>A released reservation.</summary>
/// <param name="ReservationId">The reservation.</param>
/// <param name="Status"><c>Released</c>.</param>
public sealed record StockRelease(
    string ReservationId,
    string Status);
