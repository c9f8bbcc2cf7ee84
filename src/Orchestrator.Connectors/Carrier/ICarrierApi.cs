using Refit;

namespace Orchestrator.Connectors.Carrier;

/// <summary>
/// The carrier API (<c>contracts/carrier.openapi.yaml</c>). Paths are relative to <c>Connectors:Carrier:BaseUrl</c>,
/// which includes the API's prefix (e.g. <c>http://localhost:5080/carrier</c>).
/// </summary>
public interface ICarrierApi
{
    /// <summary>Creates a shipment and its label, outbound or return. 422 <c>LABEL_REJECTED</c> when the parcel or an address is not acceptable.</summary>
    /// <param name="request">Addresses, parcel and direction.</param>
    /// <param name="idempotencyKey">The same key with the same body answers the first result again and creates nothing twice.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    [Post("/shipments")]
    Task<Shipment> CreateShipmentAsync([Body] CreateShipmentRequest request, [Header("Idempotency-Key")] string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Books a pickup for a shipment. 422 <c>PICKUP_UNAVAILABLE</c> when the carrier does not collect that day.</summary>
    /// <param name="request">The shipment and the day.</param>
    /// <param name="idempotencyKey">The same key with the same body answers the first result again and books nothing twice.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    [Post("/pickups")]
    Task<Pickup> SchedulePickupAsync([Body] SchedulePickupRequest request, [Header("Idempotency-Key")] string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Voids a label the carrier has not used yet (voiding it again answers the same). 422 <c>LABEL_IN_USE</c> once the carrier has the parcel; 404 for an unknown shipment.</summary>
    /// <param name="shipmentId">The shipment.</param>
    /// <param name="idempotencyKey">The job key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    [Post("/shipments/{shipmentId}/void")]
    Task<LabelVoid> VoidLabelAsync(string shipmentId, [Header("Idempotency-Key")] string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Cancels a booked pickup (cancelling it again answers the same). 404 for an unknown pickup.</summary>
    /// <param name="pickupId">The pickup.</param>
    /// <param name="idempotencyKey">The job key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    [Post("/pickups/{pickupId}/cancel")]
    Task<PickupCancellation> CancelPickupAsync(string pickupId, [Header("Idempotency-Key")] string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>The tracking state and history of a shipment. 404 for an unknown tracking code.</summary>
    /// <param name="trackingCode">The tracking code.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    [Get("/trackers/{trackingCode}")]
    Task<Tracker> GetTrackerAsync(string trackingCode, CancellationToken cancellationToken);

    /// <summary>Subscribes a callback URL to the shipment's status changes, which the carrier POSTs as signed webhooks.</summary>
    /// <param name="trackingCode">The tracking code.</param>
    /// <param name="request">The callback URL.</param>
    /// <param name="idempotencyKey">The same key with the same body answers the first result again and subscribes once.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    [Post("/trackers/{trackingCode}/subscriptions")]
    Task<TrackingSubscription> SubscribeAsync(string trackingCode, [Body] SubscribeTrackingRequest request, [Header("Idempotency-Key")] string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Files a claim for a lost or damaged parcel. 422 <c>CLAIM_DENIED</c> when it was delivered or the amount is too high.</summary>
    /// <param name="request">The shipment, reason and amount.</param>
    /// <param name="idempotencyKey">The same key with the same body answers the first result again and files once.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    [Post("/claims")]
    Task<Claim> FileClaimAsync([Body] FileClaimRequest request, [Header("Idempotency-Key")] string idempotencyKey, CancellationToken cancellationToken);
}
