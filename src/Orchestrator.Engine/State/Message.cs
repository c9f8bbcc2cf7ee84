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

    /// <summary>Increases with every stored change of its correlations; stores use it for optimistic concurrency.</summary>
    public long Revision { get; set; }

    /// <summary>
    /// True for a record that only keeps a published message's id known (for as long as its publisher asked, longer than the
    /// message was buffered, if at all): it has no name, so it never correlates, and a second message with its id is refused.
    /// </summary>
    public bool IsIdOnly => Name.Length == 0;

    /// <summary>The record that keeps <paramref name="messageId"/> known until <paramref name="until"/> (see <see cref="IsIdOnly"/>).</summary>
    public static Message IdOnly(long key, string messageId, DateTimeOffset until) => new()
    {
        Key = key,
        Name = "",
        CorrelationKey = "",
        MessageId = messageId,
        Variables = new Dictionary<string, FeelValue>(),
        ExpiresAt = until,
    };
}
