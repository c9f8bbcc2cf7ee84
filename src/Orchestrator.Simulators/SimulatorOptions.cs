namespace Orchestrator.Simulators;

/// <summary>The <c>Simulators</c> section: where the simulated carrier and warehouse send their signed webhooks.</summary>
public sealed class SimulatorOptions
{
    /// <summary>Where tracking updates go (e.g. <c>http://localhost:8080/webhooks/carrier/tracking</c>); none sent when empty.</summary>
    public string? CarrierTrackingUrl { get; set; }

    /// <summary>The carrier's HMAC secret.</summary>
    public string CarrierSecret { get; set; } = "";

    /// <summary>Where warehouse events (received, inspected) go (e.g. <c>http://localhost:8080/webhooks/warehouse/events</c>).</summary>
    public string? WarehouseUrl { get; set; }

    /// <summary>The warehouse's HMAC secret.</summary>
    public string WarehouseSecret { get; set; } = "";

    /// <summary>How often (real time) the simulated world is moved on. Default 1 s.</summary>
    public TimeSpan Tick { get; set; } = TimeSpan.FromSeconds(1);
}
