namespace Orchestrator.Persistence.Rows;

/// <summary>A variable's current value in one scope.</summary>
public sealed class VariableRow
{
    public long ScopeKey { get; set; }
    public required string Name { get; set; }

    /// <summary>Unique key (the history position of its creation).</summary>
    public long Key { get; set; }
    public long ProcessInstanceKey { get; set; }

    /// <summary>The value as JSON text.</summary>
    public required string Value { get; set; }
}
