namespace Orchestrator.Connectors.Common;

/// <summary>The body of a 422 or 409 (and, where the API gives one, a 400/404) answer.</summary>
/// <param name="Error">The error code, e.g. <c>OUT_OF_STOCK</c>.</param>
/// <param name="Message">A human-readable explanation.</param>
public sealed record ApiError(
    string Error,
    string? Message);
