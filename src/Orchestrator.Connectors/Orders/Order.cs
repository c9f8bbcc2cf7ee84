using System.Text.Json.Serialization;

namespace Orchestrator.Connectors.Orders;

/// <summary>An order as the shop placed it.</summary>
/// <param name="OrderId">The order id.</param>
/// <param name="CustomerId">Who placed it.</param>
/// <param name="Channel"><c>web</c>, <c>app</c> or <c>marketplace</c>.</param>
/// <param name="Country">ISO 3166-1 alpha-2 country it was sold in, e.g. <c>CN</c>.</param>
/// <param name="Currency">ISO 4217 currency of every amount.</param>
/// <param name="OrderValue">The goods' value before discounts.</param>
/// <param name="PaidAmount">What the customer actually paid.</param>
/// <param name="PlacedAt">When the order was placed.</param>
/// <param name="DeliveredAt">When it was delivered; null (kept in the result variable) while it is not.</param>
/// <param name="Lines">What was ordered.</param>
public sealed record Order(
    string OrderId,
    string CustomerId,
    string Channel,
    string Country,
    string Currency,
    decimal OrderValue,
    decimal PaidAmount,
    DateTimeOffset PlacedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTimeOffset? DeliveredAt,
    IReadOnlyList<OrderLine> Lines);
