namespace Orchestrator.Connectors.Carrier;

/// <summary>A postal address on a label. Fields are passed as the model gives them; the carrier judges completeness (a missing postal code is <c>LABEL_REJECTED</c>).</summary>
/// <param name="Name">Addressee.</param>
/// <param name="Street">Street and number.</param>
/// <param name="City">City.</param>
/// <param name="PostalCode">Postal code.</param>
/// <param name="Country">ISO 3166-1 alpha-2 country code.</param>
public sealed record Address(
    string? Name,
    string? Street,
    string? City,
    string? PostalCode,
    string? Country);
