using Orchestrator.Feel;

namespace Orchestrator.Server.Webhooks;

/// <summary>
/// One webhook a deployed model publishes: a message start or intermediate message catch event whose
/// <c>zeebe:properties</c> name a <c>webhook.path</c>.
/// </summary>
/// <param name="Path">The path under <c>/webhooks/</c>.</param>
/// <param name="ProcessId">The process that declares it.</param>
/// <param name="ElementId">The event that declares it.</param>
/// <param name="MessageName">The message it publishes.</param>
/// <param name="Secret">The name of the HMAC secret in <c>Webhooks:Secrets</c>.</param>
/// <param name="SignatureHeader">The header with <c>sha256=&lt;hex&gt;</c>.</param>
/// <param name="TimestampHeader">The header with the unix time in seconds the signature covers.</param>
/// <param name="DeliveryIdHeader">The header with the sender's delivery id.</param>
/// <param name="CorrelationKey">FEEL over <c>{body, headers}</c> giving the correlation key; null for a start event that needs none.</param>
/// <param name="Variables">FEEL over <c>{body, headers}</c> giving the variables; null to take the body's entries.</param>
/// <param name="TimeToLive">How long the message is buffered when nothing waits for it yet.</param>
/// <param name="Condition">FEEL over <c>{body}</c>: a delivery for which it is not true is acknowledged but not published; null to publish all.</param>
/// <param name="StartCondition">FEEL over <c>{body}</c>: a delivery for which it is not true only advances waiting instances and starts none; null to let every delivery start one.</param>
/// <param name="Fields">What fields of the body must be (<c>webhook.field.*</c>): a delivery that breaks one is refused with 400.</param>
public sealed record WebhookEndpoint(
    string Path,
    string ProcessId,
    string ElementId,
    string MessageName,
    string Secret,
    string SignatureHeader,
    string TimestampHeader,
    string DeliveryIdHeader,
    FeelExpression? CorrelationKey,
    FeelExpression? Variables,
    TimeSpan TimeToLive,
    FeelExpression? Condition,
    FeelExpression? StartCondition,
    IReadOnlyList<WebhookField> Fields);
