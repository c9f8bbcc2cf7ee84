namespace Orchestrator.Connectors.Warehouse;

/// <summary>A return merchandise authorisation and where it stands.</summary>
/// <param name="RmaId">The RMA id.</param>
/// <param name="Reference">The reference printed on the box.</param>
/// <param name="Status"><c>EXPECTED</c>, <c>RECEIVED</c> or <c>INSPECTED</c>.</param>
/// <param name="ReceivedAt">When the parcel arrived.</param>
/// <param name="Disposition">After inspection: <c>restock</c>, <c>dispose</c>, <c>repair</c>, <c>refurbish</c> or <c>missing</c>.</param>
/// <param name="Notes">The inspector's notes.</param>
public sealed record Rma(
    string RmaId,
    string Reference,
    string Status,
    DateTimeOffset? ReceivedAt,
    string? Disposition,
    string? Notes);
