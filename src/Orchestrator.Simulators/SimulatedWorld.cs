using System.Text.Json.Serialization;

namespace Orchestrator.Simulators;

/// <summary>
/// Everything the simulated carrier, warehouse, payment provider and notification service hold, behind one
/// lock. Shipments move through their statuses as the simulator clock passes (scenario keywords in the order
/// id choose the path); a delivered return shipment is received by the warehouse and inspected two hours later.
/// </summary>
public sealed class SimulatedWorld(SimulatorClock clock)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Shipment> _shipments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Rma> _rmas = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _stock = new(StringComparer.Ordinal);
    private readonly List<Refund> _refunds = [];
    private readonly List<Reversal> _reversals = [];
    private readonly List<Notification> _notifications = [];
    private readonly List<PickupBooking> _pickups = [];
    private readonly List<object> _claims = [];
    private readonly List<StockReservation> _reservations = [];
    private int _sequence;

    /// <summary>A shipment and the statuses it already reported.</summary>
    public sealed record Shipment(string ShipmentId, string TrackingCode, string OrderId, string CustomerId, bool IsReturn, DateTimeOffset CreatedAt)
    {
        public List<TrackingEvent> Events { get; } = [];

        public string? CallbackUrl { get; set; }

        /// <summary>True once the label was voided: the shipment goes nowhere.</summary>
        public bool Voided { get; set; }
    }

    /// <summary>A booked pickup (<c>BOOKED</c>, or <c>CANCELLED</c>).</summary>
    public sealed record PickupBooking(string PickupId, string ShipmentId, string Date, string Window)
    {
        public string Status { get; set; } = "BOOKED";
    }

    /// <summary>Stock held for an order (<c>HELD</c>, or <c>RELEASED</c> back into stock).</summary>
    public sealed record StockReservation(string ReservationId, string OrderId, string Sku, int Quantity)
    {
        public string Status { get; set; } = "HELD";
    }

    /// <summary>Why an undo was refused: nothing by that id, or it can no longer be undone.</summary>
    public enum UndoRefusal
    {
        /// <summary>Undone (or undone before: undoing is idempotent).</summary>
        None,

        /// <summary>No such shipment, pickup or reservation.</summary>
        NotFound,

        /// <summary>The parcel is already on its way: its label cannot be voided.</summary>
        InUse,
    }

    /// <summary>One status a shipment reached.</summary>
    public sealed record TrackingEvent(string Status, string CarrierStatus, DateTimeOffset At);

    /// <summary>A return merchandise authorisation.</summary>
    public sealed record Rma(string RmaId, string Reference, string OrderId, string CustomerId)
    {
        public string Status { get; set; } = "EXPECTED";

        public DateTimeOffset? ReceivedAt { get; set; }

        public string? Disposition { get; set; }
    }

    /// <summary>A refund as paid.</summary>
    public sealed record Refund(string RefundId, string OrderId, string CustomerId, string Status, decimal Amount, string Currency, string Method, DateTimeOffset At);

    /// <summary>A refund taken back from the customer.</summary>
    public sealed record Reversal(string ReversalId, string RefundId, string OrderId, decimal Amount, string Currency, string Reason, DateTimeOffset At);

    /// <summary>A notification as sent (the notification API's <c>SentMessage</c>; <c>trackingUrl</c> is written even when null, whatever the host's JSON settings).</summary>
    public sealed record Notification(
        string MessageId, string CustomerId, string Channel, string Template, string Language, string Subject, string Body,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? TrackingUrl,
        DateTimeOffset SentAt);

    /// <summary>Something the world wants to tell the orchestrator (a signed webhook).</summary>
    public sealed record Outgoing(bool Carrier, string? CallbackUrl, object Body);

    public Shipment CreateShipment(string orderId, string customerId, bool isReturn)
    {
        lock (_gate)
        {
            var n = ++_sequence;
            var shipment = new Shipment($"SH-{n:D6}", $"TRK{n:D8}", orderId, customerId, isReturn, clock.GetUtcNow());
            shipment.Events.Add(new TrackingEvent("Created", "pre_transit", shipment.CreatedAt));
            _shipments[shipment.TrackingCode] = shipment;
            return shipment;
        }
    }

    public Shipment? Tracker(string trackingCode)
    {
        lock (_gate)
        {
            return _shipments.GetValueOrDefault(trackingCode);
        }
    }

    public Shipment? ShipmentById(string shipmentId)
    {
        lock (_gate)
        {
            return _shipments.Values.FirstOrDefault(s => s.ShipmentId == shipmentId);
        }
    }

    /// <summary>
    /// The statuses a shipment has reached by the clock: those the world loop recorded, then those it has not recorded yet (a
    /// request right after the clock moved comes before the loop's next turn). A copy, safe to read outside the lock.
    /// </summary>
    public IReadOnlyList<TrackingEvent> Track(Shipment shipment)
    {
        lock (_gate)
        {
            return [.. shipment.Events, .. Due(shipment, clock.GetUtcNow())];
        }
    }

    public PickupBooking AddPickup(string shipmentId, string date)
    {
        lock (_gate)
        {
            var pickup = new PickupBooking($"PU-{++_sequence:D6}", shipmentId, date, "09:00-13:00");
            _pickups.Add(pickup);
            return pickup;
        }
    }

    /// <summary>Voids a shipment's label while the carrier has not moved the parcel yet.</summary>
    public UndoRefusal VoidShipment(string shipmentId)
    {
        lock (_gate)
        {
            if (_shipments.Values.FirstOrDefault(s => s.ShipmentId == shipmentId) is not { } shipment)
            {
                return UndoRefusal.NotFound;
            }

            if (shipment.Voided)
            {
                return UndoRefusal.None;
            }

            // By the clock, not by the events the world loop has added so far (Track).
            if (Track(shipment)[^1].Status != "Created")
            {
                return UndoRefusal.InUse;
            }

            shipment.Voided = true;
            shipment.Events.Add(new TrackingEvent("Voided", "cancelled", clock.GetUtcNow()));
            return UndoRefusal.None;
        }
    }

    /// <summary>Cancels a booked pickup.</summary>
    public UndoRefusal CancelPickup(string pickupId)
    {
        lock (_gate)
        {
            if (_pickups.Find(p => p.PickupId == pickupId) is not { } pickup)
            {
                return UndoRefusal.NotFound;
            }

            pickup.Status = "CANCELLED";
            return UndoRefusal.None;
        }
    }

    /// <summary>Puts a reservation's stock back (once).</summary>
    public UndoRefusal ReleaseReservation(string reservationId)
    {
        lock (_gate)
        {
            if (_reservations.Find(r => r.ReservationId == reservationId) is not { } reservation)
            {
                return UndoRefusal.NotFound;
            }

            if (reservation.Status != "RELEASED")
            {
                reservation.Status = "RELEASED";
                _stock[reservation.Sku] = Available(reservation.Sku) + reservation.Quantity;
            }

            return UndoRefusal.None;
        }
    }

    public object AddClaim(string trackingCode, decimal amount)
    {
        lock (_gate)
        {
            var claim = new { claimId = $"CL-{++_sequence:D6}", trackingCode, status = "APPROVED", amount };
            _claims.Add(claim);
            return claim;
        }
    }

    public Rma CreateRma(string orderId, string customerId)
    {
        lock (_gate)
        {
            var n = ++_sequence;
            var rma = new Rma($"RMA-{n:D6}", $"RMA-{clock.GetUtcNow().Year}-{n:D6}", orderId, customerId);
            _rmas[rma.RmaId] = rma;
            return rma;
        }
    }

    public Rma? FindRma(string rmaId)
    {
        lock (_gate)
        {
            return _rmas.GetValueOrDefault(rmaId);
        }
    }

    /// <summary>Takes stock; false when there is not enough.</summary>
    public bool TakeStock(string sku, int quantity)
    {
        lock (_gate)
        {
            var available = Available(sku);
            if (available < quantity)
            {
                return false;
            }

            _stock[sku] = available - quantity;
            return true;
        }
    }

    public int Available(string sku)
    {
        lock (_gate)
        {
            return _stock.TryGetValue(sku, out var left) ? left : sku.Contains("SOLDOUT", StringComparison.OrdinalIgnoreCase) ? 0 : 10;
        }
    }

    public StockReservation AddReservation(string orderId, string sku, int quantity)
    {
        lock (_gate)
        {
            var reservation = new StockReservation($"RS-{++_sequence:D6}", orderId, sku, quantity);
            _reservations.Add(reservation);
            return reservation;
        }
    }

    public Refund AddRefund(string orderId, string customerId, decimal amount, string currency, string method)
    {
        lock (_gate)
        {
            var refund = new Refund($"RF-{++_sequence:D6}", orderId, customerId, "SUCCEEDED", amount, currency, method, clock.GetUtcNow());
            _refunds.Add(refund);
            return refund;
        }
    }

    public IReadOnlyList<Refund> Refunds(string? orderId)
    {
        lock (_gate)
        {
            return [.. _refunds.Where(r => orderId is null || r.OrderId == orderId)];
        }
    }

    public Refund? FindRefund(string refundId)
    {
        lock (_gate)
        {
            return _refunds.Find(r => r.RefundId == refundId);
        }
    }

    /// <summary>Takes a refund back once: the new reversal, or the earlier one with <c>IsNew</c> false.</summary>
    public (Reversal Reversal, bool IsNew) ReverseRefund(Refund refund, string reason)
    {
        lock (_gate)
        {
            if (_reversals.Find(r => r.RefundId == refund.RefundId) is { } earlier)
            {
                return (earlier, false);
            }

            var reversal = new Reversal($"RV-{++_sequence:D6}", refund.RefundId, refund.OrderId, refund.Amount, refund.Currency, reason, clock.GetUtcNow());
            _reversals.Add(reversal);
            return (reversal, true);
        }
    }

    public Notification AddNotification(string customerId, string channel, string template, string language, string subject, string body, string? trackingUrl)
    {
        lock (_gate)
        {
            var message = new Notification($"MSG-{++_sequence:D6}", customerId, channel, template, language, subject, body, trackingUrl, clock.GetUtcNow());
            _notifications.Add(message);
            return message;
        }
    }

    public IReadOnlyList<Notification> Notifications(string? customerId)
    {
        lock (_gate)
        {
            return [.. _notifications.Where(n => customerId is null || n.CustomerId == customerId)];
        }
    }

    /// <summary>Everything, for <c>GET /_sim/state</c>.</summary>
    public object Snapshot()
    {
        lock (_gate)
        {
            return new
            {
                now = clock.GetUtcNow(),
                shipments = _shipments.Values.Select(s =>
                {
                    var events = Track(s);
                    return new { s.ShipmentId, s.TrackingCode, s.OrderId, s.IsReturn, status = events[^1].Status, events };
                }).ToList(),
                rmas = _rmas.Values.ToList(),
                pickups = _pickups.ToList(),
                claims = _claims.ToList(),
                reservations = _reservations.ToList(),
                refunds = _refunds.ToList(),
                reversals = _reversals.ToList(),
                notifications = _notifications.ToList(),
            };
        }
    }

    /// <summary>Moves every shipment and RMA to where the clock says it is; returns the webhooks to send, in order.</summary>
    public List<Outgoing> Advance()
    {
        var now = clock.GetUtcNow();
        var outgoing = new List<Outgoing>();
        lock (_gate)
        {
            foreach (var shipment in _shipments.Values.OrderBy(s => s.CreatedAt))
            {
                foreach (var (status, carrierStatus, at) in Due(shipment, now))
                {
                    shipment.Events.Add(new TrackingEvent(status, carrierStatus, at));
                    outgoing.Add(new Outgoing(true, shipment.CallbackUrl, new
                    {
                        deliveryId = $"{shipment.TrackingCode}-{status}",
                        trackingCode = shipment.TrackingCode, orderId = shipment.OrderId, customerId = shipment.CustomerId, status, carrierStatus, at,
                    }));
                    if (status == "Delivered" && shipment.IsReturn)
                    {
                        foreach (var rma in _rmas.Values.Where(r => r.OrderId == shipment.OrderId && r.Status == "EXPECTED"))
                        {
                            Receive(rma, at, outgoing);
                        }
                    }
                }
            }

            foreach (var rma in _rmas.Values.Where(r => r.Status == "RECEIVED" && r.ReceivedAt + TimeSpan.FromHours(2) <= now))
            {
                rma.Status = "INSPECTED";
                rma.Disposition = Disposition(rma.OrderId);
                outgoing.Add(new Outgoing(false, null, new
                {
                    deliveryId = $"{rma.RmaId}-inspected", @event = "inspected", rmaId = rma.RmaId, reference = rma.Reference, orderId = rma.OrderId,
                    disposition = rma.Disposition, at = rma.ReceivedAt!.Value.AddHours(2),
                }));
            }
        }

        return outgoing;
    }

    /// <summary>The warehouse receives a return (by hand, <c>POST /warehouse/rmas/{id}/receipt</c>).</summary>
    public List<Outgoing> ReceiveNow(Rma rma)
    {
        var outgoing = new List<Outgoing>();
        lock (_gate)
        {
            if (rma.Status == "EXPECTED")
            {
                Receive(rma, clock.GetUtcNow(), outgoing);
            }
        }

        return outgoing;
    }

    private static void Receive(Rma rma, DateTimeOffset at, List<Outgoing> outgoing)
    {
        rma.Status = "RECEIVED";
        rma.ReceivedAt = at;
        outgoing.Add(new Outgoing(false, null, new
        {
            deliveryId = $"{rma.RmaId}-received", @event = "received", rmaId = rma.RmaId, reference = rma.Reference, orderId = rma.OrderId, at,
        }));
    }

    private static string Disposition(string orderId) =>
        orderId.Contains("BROKEN", StringComparison.OrdinalIgnoreCase) ? "dispose"
        : orderId.Contains("REPAIR", StringComparison.OrdinalIgnoreCase) ? "repair"
        : orderId.Contains("REFURB", StringComparison.OrdinalIgnoreCase) ? "refurbish"
        : orderId.Contains("EMPTY", StringComparison.OrdinalIgnoreCase) ? "missing"
        : "restock";

    /// <summary>The statuses the clock has passed that the shipment has not recorded yet, in the order it goes through them (none once voided).</summary>
    private static List<TrackingEvent> Due(Shipment shipment, DateTimeOffset now) => shipment.Voided
        ? []
        : [.. Path(shipment.OrderId)
            .Select(step => new TrackingEvent(step.Status, step.CarrierStatus, shipment.CreatedAt + step.After))
            .Where(step => step.At <= now && !shipment.Events.Any(e => e.Status == step.Status && e.At == step.At))];

    /// <summary>The statuses a shipment of this order goes through, with when (after creation).</summary>
    private static IEnumerable<(TimeSpan After, string Status, string CarrierStatus)> Path(string orderId)
    {
        bool Has(string keyword) => orderId.Contains(keyword, StringComparison.OrdinalIgnoreCase);
        if (Has("NOSHIP"))
        {
            // The customer never hands the parcel over: it stays Created.
            yield break;
        }

        yield return (TimeSpan.FromHours(2), "InTransit", "in_transit");
        if (Has("STALE"))
        {
            yield return (TimeSpan.FromHours(72), "Stale", "in_transit");
            yield break;
        }

        if (Has("LOST"))
        {
            yield return (TimeSpan.FromHours(30), "Lost", "failure");
            yield break;
        }

        if (Has("RETURN") && !Has("RETURNED"))
        {
            yield return (TimeSpan.FromHours(30), "ReturnToSender", "return_to_sender");
            yield break;
        }

        if (Has("DELAY"))
        {
            yield return (TimeSpan.FromHours(20), "Delayed", "in_transit");
            yield return (TimeSpan.FromHours(48), "Delivered", "delivered");
            yield break;
        }

        if (Has("FAILED"))
        {
            yield return (TimeSpan.FromHours(24), "FailedAttempt", "failure");
            yield return (TimeSpan.FromHours(48), "Delivered", "delivered");
            yield break;
        }

        yield return (TimeSpan.FromHours(20), "OutForDelivery", "out_for_delivery");
        yield return (TimeSpan.FromHours(24), Has("DAMAGED") ? "Damaged" : "Delivered", Has("DAMAGED") ? "failure" : "delivered");
    }
}
