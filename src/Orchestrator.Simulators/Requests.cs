namespace Orchestrator.Simulators;

/// <summary>An address.</summary>
public sealed record AddressBody(string? Name, string? Street, string? City, string? PostalCode, string? Country);

/// <summary>A parcel.</summary>
public sealed record ParcelBody(decimal? WeightKg);

/// <summary><c>POST /carrier/shipments</c>.</summary>
public sealed record ShipmentBody(string? OrderId, string? CustomerId, AddressBody? From, AddressBody? To, ParcelBody? Parcel, bool? IsReturn);

/// <summary><c>POST /carrier/pickups</c>.</summary>
public sealed record PickupBody(string? ShipmentId, string? Date);

/// <summary><c>POST /carrier/trackers/{code}/subscriptions</c>.</summary>
public sealed record SubscriptionBody(string? CallbackUrl);

/// <summary><c>POST /carrier/claims</c>.</summary>
public sealed record ClaimBody(string? TrackingCode, string? Reason, decimal? Amount, string? Currency);

/// <summary>An item of an RMA.</summary>
public sealed record ItemBody(string? Sku, int? Quantity);

/// <summary><c>POST /warehouse/rmas</c>.</summary>
public sealed record RmaBody(string? OrderId, string? CustomerId, IReadOnlyList<ItemBody>? Items, string? Reason);

/// <summary><c>POST /warehouse/reshipments</c> and <c>/reservations</c>.</summary>
public sealed record StockBody(string? OrderId, string? CustomerId, string? Sku, int? Quantity);

/// <summary><c>POST /payment/refunds</c>.</summary>
public sealed record RefundBody(string? OrderId, string? CustomerId, decimal? Amount, string? Currency, string? Method, string? Reason);

/// <summary><c>POST /notify/messages</c>: a message the orchestrator rendered.</summary>
public sealed record MessageBody(string? CustomerId, string? Channel, string? Template, string? Language, string? Subject, string? Body, string? TrackingUrl);

/// <summary><c>PUT /_sim/faults</c>.</summary>
public sealed record FaultBody(string? Method, string? Path, double? ErrorRate, int? LatencyMs, int? FailNext, int? Status);

/// <summary><c>PUT /_sim/clock</c>.</summary>
public sealed record ClockBody(long? Timestamp);

/// <summary><c>POST /payment/refunds/{refundId}/reversal</c>.</summary>
public sealed record ReversalBody(string? Reason);

/// <summary><c>PUT /_sim/orders/{orderId}</c>: the order to pin (<c>orderId</c> may be left out; <c>deliveredAt</c> null while not delivered).</summary>
public sealed record OrderBody(
    string? OrderId,
    string? CustomerId,
    string? Channel,
    string? Country,
    string? Currency,
    decimal? OrderValue,
    decimal? PaidAmount,
    DateTimeOffset? PlacedAt,
    DateTimeOffset? DeliveredAt,
    IReadOnlyList<OrderLineBody?>? Lines);

/// <summary>A line of <see cref="OrderBody"/> (<c>supplier</c> may be left out: the SKU's simulated supplier).</summary>
public sealed record OrderLineBody(string? Sku, string? Name, string? Category, int? Quantity, decimal? UnitPrice, decimal? PaidAmount, string? Supplier = null);

/// <summary><c>PUT /_sim/customers/{customerId}</c>: the customer to pin (<c>customerId</c> may be left out).</summary>
public sealed record CustomerBody(
    string? CustomerId,
    string? Name,
    string? Tier,
    string? TrustLevel,
    int? TrustScore,
    string? Language,
    string? PreferredChannel,
    string? Country);

/// <summary><c>POST /customers/customers/{customerId}/trust-events</c>.</summary>
public sealed record TrustEventBody(string? Reason, string? OrderId, int? Penalty);
