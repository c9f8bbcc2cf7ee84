namespace Orchestrator.Connectors.Notify;

/// <summary>A message accepted for delivery.</summary>
/// <param name="MessageId">The message id.</param>
/// <param name="Subject">The rendered subject.</param>
/// <param name="Text">The rendered text.</param>
public sealed record SentMessage(
    string MessageId,
    string? Subject,
    string? Text);
