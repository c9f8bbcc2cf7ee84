namespace Orchestrator.Persistence.Rows;

/// <summary>
/// A process, form, DMN model or decision version that was undeployed: its row is gone, but, as in Zeebe, its number is never given to a later
/// deployment of the id (read at start-up; other nodes learn it when they forget the version).
/// </summary>
public sealed class RetiredVersionRow
{
    /// <summary><see cref="Kind"/> of a process version.</summary>
    public const string Process = "PROCESS";

    /// <summary><see cref="Kind"/> of a form version.</summary>
    public const string Form = "FORM";

    /// <summary><see cref="Kind"/> of a DMN model (decision requirements) version.</summary>
    public const string DecisionRequirements = "DECISION_REQUIREMENTS";

    /// <summary><see cref="Kind"/> of a decision version.</summary>
    public const string Decision = "DECISION";

    public required string Kind { get; set; }

    /// <summary>The BPMN process id, form id, decision requirements id or decision id.</summary>
    public required string Id { get; set; }

    public int Version { get; set; }
}
