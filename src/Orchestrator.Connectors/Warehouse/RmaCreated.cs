namespace Orchestrator.Connectors.Warehouse;

/// <summary>A return merchandise authorisation just opened.</summary>
/// <param name="RmaId">The RMA id.</param>
/// <param name="Reference">The reference printed on the box, e.g. <c>RMA-2026-000123</c>.</param>
public sealed record RmaCreated(
    string RmaId,
    string Reference);
