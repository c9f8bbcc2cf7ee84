using System.Text.Json.Serialization;

namespace Orchestrator.Connectors.Notify;

/// <summary>Body of <c>POST /messages</c>: a message the orchestrator rendered from the shop's catalogue.</summary>
/// <param name="CustomerId">The recipient.</param>
/// <param name="Channel"><c>email</c>, <c>sms</c> or <c>app</c>.</param>
/// <param name="Template">The catalogue's name of the message, e.g. <c>refund-issued</c> (for the record).</param>
/// <param name="Language">The language rendered, e.g. <c>de</c>.</param>
/// <param name="Subject">The subject (an SMS gateway may ignore it).</param>
/// <param name="Body">The text.</param>
/// <param name="TrackingUrl">The customer's tracking page, or null (sent as <c>null</c>).</param>
public sealed record SendMessageRequest(
    string CustomerId,
    string Channel,
    string Template,
    string Language,
    string Subject,
    string Body,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? TrackingUrl);
