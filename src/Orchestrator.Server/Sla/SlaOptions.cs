namespace Orchestrator.Server.Sla;

/// <summary>The <c>Sla</c> section.</summary>
public sealed class SlaOptions
{
    /// <summary>At what share of the time between creation and due date the warning is recorded. Default 0.8.</summary>
    public double WarningShare { get; set; } = 0.8;

    /// <summary>How often open tasks and instances are checked, in seconds (also at once when the clock is pinned). Default 5.</summary>
    public int SweepSeconds { get; set; } = 5;
}
