namespace Orchestrator.Connectors.Carrier;

/// <summary>The parcel to ship.</summary>
/// <param name="WeightKg">Weight in kilograms (the carrier rejects more than 30).</param>
public sealed record Parcel(
    decimal WeightKg);
