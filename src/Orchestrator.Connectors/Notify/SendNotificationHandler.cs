using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orchestrator.Connectors.Common;
using Orchestrator.Feel.Values;
using Orchestrator.Workers;

namespace Orchestrator.Connectors.Notify;

/// <summary>
/// <c>notify.send</c>: renders a message of the shop's <see cref="NotificationCatalogue"/> in the customer's language and
/// sends it. Inputs: <c>customerId</c>, <c>template</c>, <c>channel</c> (<c>email</c> (default), <c>sms</c>, <c>app</c>),
/// <c>language</c> (default <c>en</c>; a language without a file falls back to <c>en</c>), <c>data</c> (optional context,
/// its entries are the placeholders' names), and the variable <c>trackingToken</c> when the case has one (the message then
/// links <c>{Notifications:TrackingBaseUrl}/track/{trackingToken}</c>). Result: <c>notification</c>, the API's <see cref="SentMessage"/>.
/// BPMN error <c>INVALID_REQUEST</c> for a template the catalogue does not have; a message that does not render fails the
/// job (<see cref="NotificationTemplateException"/>), so nothing half-filled is sent.
/// </summary>
public sealed class SendNotificationHandler(IServiceScopeFactory scopes, NotificationCatalogue catalogue, IOptions<NotificationOptions> options)
    : ConnectorHandler<INotifyApi>(scopes)
{
    /// <inheritdoc />
    public override string Type => "notify.send";

    /// <inheritdoc />
    public override string ResultVariable => "notification";

    private protected override async Task<FeelValue> CallAsync(INotifyApi api, JobInput input, CancellationToken cancellationToken)
    {
        var customerId = input.String("customerId");
        var template = input.String("template");
        var trackingUrl = TrackingUrl(input.OptionalString("trackingToken"));
        var message = catalogue.Render(template, input.OptionalString("language") ?? NotificationCatalogue.FallbackLanguage, input.OptionalContext("data"), customerId, trackingUrl)
            ?? throw new BpmnErrorException(ConnectorErrorCodes.InvalidRequest, $"{Type}: the notification catalogue {catalogue.Folder} has no template '{template}' (in the language asked for or en)");
        var request = new SendMessageRequest(
            customerId,
            input.OptionalString("channel") ?? "email",
            template,
            message.Language,
            message.Subject,
            message.Body,
            trackingUrl);
        var sent = await api.SendAsync(request, input.IdempotencyKey, cancellationToken).ConfigureAwait(false);
        return JobOutput.From(sent, ConnectorJsonContext.Default.SentMessage);
    }

    private string? TrackingUrl(string? token) =>
        options.Value.TrackingBaseUrl is { } baseUrl && token is not null
            ? $"{baseUrl.AbsoluteUri.TrimEnd('/')}/track/{Uri.EscapeDataString(token)}"
            : null;
}
