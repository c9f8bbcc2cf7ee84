namespace Orchestrator.Simulators;

/// <summary>
/// The shop's orders (<c>/orders</c>). Any id gets a record synthesized from it on first read and kept from then on
/// (so it is stable across reads); ids containing <c>UNKNOWN</c> have none. <c>PUT /_sim/orders/{id}</c> pins a record.
/// </summary>
public sealed class SimulatedOrders(SimulatorClock clock)
{
    /// <summary>The order channels.</summary>
    private static readonly string[] Channels = ["web", "app", "marketplace"];

    /// <summary>What synthesized orders contain, priced in US dollars.</summary>
    private static readonly (string Sku, string Name, string Category, decimal UsdPrice)[] Catalogue =
    [
        ("SKU-EARBUDS", "Wireless earbuds", "electronics", 59.90m),
        ("SKU-KETTLE", "Electric kettle", "home", 34.50m),
        ("SKU-SNEAKER", "Running shoes", "fashion", 89.00m),
        ("SKU-SERUM", "Face serum", "beauty", 24.99m),
        ("SKU-BLENDER", "Blender", "home", 119.00m),
        ("SKU-JACKET", "Rain jacket", "fashion", 74.00m),
    ];

    /// <summary>The shop's suppliers; each SKU has one, chosen by its hash.</summary>
    private static readonly string[] Suppliers = ["Shenzhen Sound Co.", "Ningbo Home Appliances", "Dongguan Footwear", "Guangzhou Beauty Labs", "Xiamen Outdoor"];

    private readonly object _gate = new();
    private readonly Dictionary<string, Order> _orders = new(StringComparer.Ordinal);

    /// <summary>An order as the shop placed it; every amount in <paramref name="Currency"/>.</summary>
    public sealed record Order(
        string OrderId,
        string CustomerId,
        string Channel,
        string Country,
        string Currency,
        decimal OrderValue,
        decimal PaidAmount,
        DateTimeOffset PlacedAt,
        DateTimeOffset? DeliveredAt,
        IReadOnlyList<OrderLine> Lines);

    /// <summary>One line of an order: its value before discounts is <c>quantity × unitPrice</c>.</summary>
    public sealed record OrderLine(string Sku, string Name, string Category, int Quantity, decimal UnitPrice, decimal PaidAmount, string Supplier);

    /// <summary>The supplier of <paramref name="sku"/>: always the same one for a SKU.</summary>
    public static string SupplierOf(string sku) => Suppliers[SyntheticIds.Hash(sku)[0] % Suppliers.Length];

    /// <summary>The order; on the first read of an id it is synthesized and kept. Null for an unpinned id containing <c>UNKNOWN</c>.</summary>
    public Order? Find(string orderId)
    {
        lock (_gate)
        {
            if (_orders.TryGetValue(orderId, out var order))
            {
                return order;
            }

            if (SyntheticIds.IsUnknown(orderId))
            {
                return null;
            }

            order = Synthesize(orderId, clock.GetUtcNow());
            _orders[orderId] = order;
            return order;
        }
    }

    /// <summary>Replaces whatever is held for the order's id.</summary>
    public void Pin(Order order)
    {
        lock (_gate)
        {
            _orders[order.OrderId] = order;
        }
    }

    /// <summary>Every order read or pinned so far, for <c>GET /_sim/state</c>.</summary>
    public IReadOnlyList<Order> All()
    {
        lock (_gate)
        {
            return [.. _orders.Values];
        }
    }

    /// <summary>A pinned order from a <c>PUT /_sim/orders/{id}</c> body; null when a field is missing or out of range.</summary>
    public static Order? FromBody(string orderId, OrderBody body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body is not { CustomerId.Length: > 0, Channel: { } channel, Country.Length: > 0, Currency.Length: > 0, OrderValue: >= 0, PaidAmount: >= 0, PlacedAt: { } placedAt, Lines: { } bodyLines }
            || !Channels.Contains(channel) || (body.OrderId is not null && body.OrderId != orderId))
        {
            return null;
        }

        var lines = bodyLines.Select(l => l is { Sku.Length: > 0, Name.Length: > 0, Category.Length: > 0, Quantity: >= 1, UnitPrice: >= 0, PaidAmount: >= 0 }
            ? new OrderLine(l.Sku, l.Name, l.Category, l.Quantity.Value, l.UnitPrice.Value, l.PaidAmount.Value, l.Supplier is { Length: > 0 } supplier ? supplier : SupplierOf(l.Sku))
            : null).ToList();
        return lines.Contains(null)
            ? null
            : new Order(orderId, body.CustomerId, channel, body.Country, body.Currency, body.OrderValue.Value, body.PaidAmount.Value, placedAt, body.DeliveredAt, [.. lines.OfType<OrderLine>()]);
    }

    /// <summary>1–2 lines from the catalogue, a 0–10 % discount and the channel, all chosen by the id's hash; market and delivery by its segments.</summary>
    private static Order Synthesize(string orderId, DateTimeOffset now)
    {
        var hash = SyntheticIds.Hash(orderId);
        var market = SyntheticIds.MarketOf(orderId);
        var discount = hash[1] % 11 / 100m;
        var articles = Enumerable.Range(0, 1 + (hash[0] % 2))
            .Select(i => (Article: Catalogue[(hash[2] + i) % Catalogue.Length], Quantity: 1 + (hash[3 + i] % 2)))
            .ToList();
        var orderValue = articles.Sum(a => a.Quantity * market.Price(a.Article.UsdPrice));
        var paidAmount = Math.Round(orderValue * (1 - discount), 2);

        // Each line pays its share of the discount; the last takes the rounding rest, so the lines add up to the order.
        var lines = new List<OrderLine>();
        foreach (var (article, quantity) in articles)
        {
            var unitPrice = market.Price(article.UsdPrice);
            var paid = lines.Count == articles.Count - 1 ? paidAmount - lines.Sum(l => l.PaidAmount) : Math.Round(quantity * unitPrice * (1 - discount), 2);
            lines.Add(new OrderLine(article.Sku, article.Name, article.Category, quantity, unitPrice, paid, SupplierOf(article.Sku)));
        }

        var delivered = SyntheticIds.Has(orderId, "UNDELIVERED") ? (DateTimeOffset?)null : now.AddDays(-2);
        return new Order(
            orderId, "CUST-" + orderId, Channels[hash[5] % Channels.Length], market.Country, market.Currency, orderValue, paidAmount, now.AddDays(-5), delivered, lines);
    }
}
