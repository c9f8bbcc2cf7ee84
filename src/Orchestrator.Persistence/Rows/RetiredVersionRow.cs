namespace Orchestrator.Persistence.Rows;

/// <summary>
/// A process or form version that was undeployed: its row is gone, but, as in Zeebe, its number is never given to a later
/// deployment of the id (read at start-up; other nodes learn it when they forget the version).
/// </summary>
public sealed class RetiredVersionRow
{
    /// <summary><see cref="Kind"/> of a process version.</summary>
    public const string Process = "PROCESS";

    /// <summary><see cref="Kind"/> of a form version.</summary>
    public const string Form = "FORM";

    public required string Kind { get; set; }

    /// <summary>The BPMN process id or the form id.</summary>
    public required string Id { get; set; }

    public int Version { get; set; }
}
