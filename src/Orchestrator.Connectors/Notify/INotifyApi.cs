using Refit;

namespace Orchestrator.Connectors.Notify;

/// <summary>
/// The notification API (<c>contracts/notify.openapi.yaml</c>). Paths are relative to <c>Connectors:Notify:BaseUrl</c>,
/// which includes the API's prefix (e.g. <c>http://localhost:5080/notify</c>).
/// </summary>
public interface INotifyApi
{
    /// <summary>Sends a message the orchestrator rendered (answers 202 with the <see cref="SentMessage"/>). 400 for a missing field.</summary>
    /// <param name="request">Recipient, channel, the catalogue's template name, the language rendered, subject, body and tracking link.</param>
    /// <param name="idempotencyKey">The same key with the same body answers the first result again and sends once.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    [Post("/messages")]
    Task<SentMessage> SendAsync([Body] SendMessageRequest request, [Header("Idempotency-Key")] string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>The messages sent to a customer, each with its language.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    [Get("/messages")]
    Task<IReadOnlyList<SentMessage>> GetMessagesAsync([Query] string customerId, CancellationToken cancellationToken);
}
