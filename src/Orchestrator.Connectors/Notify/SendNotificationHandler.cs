using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Connectors.Common;
using Orchestrator.Feel.Values;

namespace Orchestrator.Connectors.Notify;

/// <summary>
/// <c>notify.send</c>: renders a template and sends it to the customer.
/// Inputs: <c>customerId</c>, <c>template</c>, <c>channel</c> (<c>email</c> (default), <c>sms</c>, <c>app</c>), <c>language</c> (<c>en</c> (default) or <c>zh-CN</c>), <c>data</c> (optional context). Result: <c>notification</c> <c>{messageId, subject, text}</c>. BPMN error <c>INVALID_REQUEST</c> for an unknown template.
/// </summary>
public sealed class SendNotificationHandler(IServiceScopeFactory scopes) : ConnectorHandler<INotifyApi>(scopes)
{
    /// <inheritdoc />
    public override string Type => "notify.send";

    /// <inheritdoc />
    public override string ResultVariable => "notification";

    private protected override async Task<FeelValue> CallAsync(INotifyApi api, JobInput input, CancellationToken cancellationToken)
    {
        var request = new SendMessageRequest(
            input.String("customerId"),
            input.OptionalString("channel") ?? "email",
            input.String("template"),
            input.OptionalString("language") ?? "en",
            input.OptionalJson("data"));
        var message = await api.SendAsync(request, input.IdempotencyKey, cancellationToken).ConfigureAwait(false);
        return JobOutput.From(message, ConnectorJsonContext.Default.SentMessage);
    }
}
