namespace Orchestrator.Persistence.Rows;

/// <summary>An accepted inbound webhook delivery, stored before it is answered and processed after.</summary>
public sealed class WebhookDeliveryRow
{
    public long Id { get; set; }
    public required string Path { get; set; }
    public required string DeliveryId { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public required string Body { get; set; }

    /// <summary><c>PENDING</c>, <c>DONE</c> or <c>FAILED</c>.</summary>
    public required string State { get; set; }
    public string? Error { get; set; }
}
