using System.Text.Json;

namespace Orchestrator.Connectors.Notify;

/// <summary>Body of <c>POST /notify/messages</c>.</summary>
/// <param name="CustomerId">The recipient.</param>
/// <param name="Channel"><c>email</c>, <c>sms</c> or <c>app</c>.</param>
/// <param name="Template">The template name, e.g. <c>refund-issued</c>.</param>
/// <param name="Language"><c>en</c> or <c>zh-CN</c>.</param>
/// <param name="Data">Values the template renders.</param>
public sealed record SendMessageRequest(
    string CustomerId,
    string Channel,
    string Template,
    string Language,
    JsonElement? Data);
