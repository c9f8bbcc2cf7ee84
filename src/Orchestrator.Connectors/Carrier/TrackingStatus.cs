namespace Orchestrator.Connectors.Carrier;

/// <summary>The normalised shipment status the models branch on (<c>contracts/carrier.openapi.yaml</c>, <c>TrackingStatus</c>).</summary>
public enum TrackingStatus
{
    /// <summary>Label created or announced; the carrier has not scanned the parcel yet.</summary>
    Created,

    /// <summary>On its way.</summary>
    InTransit,

    /// <summary>On the vehicle for delivery today.</summary>
    OutForDelivery,

    /// <summary>A delivery attempt failed (nobody home, address problem, refused); usually tried again.</summary>
    FailedAttempt,

    /// <summary>Late: customs, weather, held at a facility.</summary>
    Delayed,

    /// <summary>Lost by the carrier (or disposed of).</summary>
    Lost,

    /// <summary>Damaged in transit.</summary>
    Damaged,

    /// <summary>On its way back to, or back at, the sender.</summary>
    ReturnToSender,

    /// <summary>Waiting at a pickup point or locker.</summary>
    AvailableForPickup,

    /// <summary>Delivered.</summary>
    Delivered,

    /// <summary>No usable news: tracking expired, was cancelled or errs.</summary>
    Stale,
}
