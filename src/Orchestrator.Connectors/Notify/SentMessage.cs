namespace Orchestrator.Connectors.Notify;

/// <summary>A message accepted for delivery (<c>SentMessage</c>).</summary>
/// <param name="MessageId">The message id.</param>
/// <param name="CustomerId">The recipient.</param>
/// <param name="Channel"><c>email</c>, <c>sms</c> or <c>app</c>.</param>
/// <param name="Template">The catalogue's name of the message.</param>
/// <param name="Language">The language it was written in.</param>
/// <param name="Subject">The subject.</param>
/// <param name="Body">The text.</param>
/// <param name="TrackingUrl">The tracking page it links to, or null.</param>
/// <param name="SentAt">When the API accepted it.</param>
public sealed record SentMessage(
    string MessageId,
    string CustomerId,
    string Channel,
    string Template,
    string Language,
    string Subject,
    string Body,
    string? TrackingUrl,
    DateTimeOffset SentAt);
