using Orchestrator.Messaging;

namespace Orchestrator.Server.Messaging;

/// <summary>
/// A broker source a deployed model binds: a message start or catch event (receive task, boundary or event-subprocess start)
/// whose <c>zeebe:properties</c> name a <c>messaging.queue</c> (or, on Service Bus, <c>messaging.topic</c> and
/// <c>messaging.subscription</c>).
/// </summary>
/// <param name="Source">The queue or topic subscription (with <c>messaging.sessions</c>: handled in session order).</param>
/// <param name="ProcessId">The process that binds it.</param>
/// <param name="ElementId">The element that binds it.</param>
/// <param name="MessageName">The message a received message publishes.</param>
/// <param name="IsStart">A message start event (it needs no correlation key).</param>
/// <param name="Declaration">The FEEL over <c>{body, properties}</c>: correlation key, variables, condition, start condition.</param>
/// <param name="TimeToLive">How long the message is buffered when nothing waits for it yet (and its id deduplicates redeliveries).</param>
public sealed record MessagingBinding(
    MessageSource Source, string ProcessId, string ElementId, string MessageName, bool IsStart, MessageDeclaration Declaration, TimeSpan TimeToLive);
