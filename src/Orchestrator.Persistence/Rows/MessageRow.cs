namespace Orchestrator.Persistence.Rows;

/// <summary>A buffered message, until it expires.</summary>
public sealed class MessageRow
{
    public long Key { get; set; }
    public required string Name { get; set; }
    public required string CorrelationKey { get; set; }
    public string? MessageId { get; set; }

    /// <summary>Variables as a JSON object.</summary>
    public required string Variables { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>Process ids it correlated to, as a JSON array.</summary>
    public required string CorrelatedProcesses { get; set; }

    /// <summary>Instance keys it correlated to, as a JSON array.</summary>
    public required string CorrelatedInstances { get; set; }

    /// <summary>Raised by every update: an update checks it, so two nodes correlating one message at once do not lose one's correlation.</summary>
    public long Revision { get; set; }
}
