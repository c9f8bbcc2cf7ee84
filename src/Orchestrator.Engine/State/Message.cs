using Orchestrator.Feel.Values;

namespace Orchestrator.Engine.State;

/// <summary>A published message, kept until its time-to-live runs out so subscriptions opened later can correlate it.</summary>
public sealed class Message
{
    /// <summary>The key.</summary>
    public required long Key { get; init; }

    /// <summary>The name.</summary>
    public required string Name { get; init; }

    /// <summary>The correlation key.</summary>
    public required string CorrelationKey { get; init; }

    /// <summary>The publisher's id, deduplicated while the message is buffered.</summary>
    public string? MessageId { get; init; }

    /// <summary>The variables it carries.</summary>
    public required IReadOnlyDictionary<string, FeelValue> Variables { get; init; }

    /// <summary>When it stops being buffered.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The process ids it already started or correlated to (a message correlates once per process).</summary>
    public HashSet<string> CorrelatedProcesses { get; } = new(StringComparer.Ordinal);

    /// <summary>The instances it already correlated to.</summary>
    public HashSet<long> CorrelatedInstances { get; } = [];
}
