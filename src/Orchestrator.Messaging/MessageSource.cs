namespace Orchestrator.Messaging;

/// <summary>Where messages are received from: a queue, or (Service Bus) a topic's subscription; with sessions for ordered handling.</summary>
/// <param name="Queue">The queue, or the topic when <paramref name="Subscription"/> is set.</param>
/// <param name="Subscription">The topic's subscription (Service Bus).</param>
/// <param name="Sessions">Messages of one session are handled one at a time, in order (Service Bus sessions).</param>
public sealed record MessageSource(string Queue, string? Subscription = null, bool Sessions = false)
{
    /// <summary><c>queue</c>, or <c>topic/subscription</c>.</summary>
    public string Name => Subscription is null ? Queue : $"{Queue}/{Subscription}";
}
