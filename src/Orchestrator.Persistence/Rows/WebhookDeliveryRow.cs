namespace Orchestrator.Persistence.Rows;

/// <summary>An accepted inbound webhook delivery, stored before it is answered and processed after.</summary>
public sealed class WebhookDeliveryRow
{
    public long Id { get; set; }
    public required string Path { get; set; }
    public required string DeliveryId { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public required string Body { get; set; }

    /// <summary>
    /// SHA-256 (hex) of what the signature covers, <c>timestamp + "." + body</c>: the same signed delivery sent again under
    /// another delivery id is a duplicate too. Null for deliveries stored before it was kept.
    /// </summary>
    public string? ContentHash { get; set; }

    /// <summary><c>PENDING</c>, <c>DONE</c> or <c>FAILED</c>.</summary>
    public required string State { get; set; }
    public string? Error { get; set; }
}
