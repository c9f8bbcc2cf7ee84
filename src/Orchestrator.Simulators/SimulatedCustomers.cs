namespace Orchestrator.Simulators;

/// <summary>
/// The shop's customers (<c>/customers</c>). Any id gets a record synthesized from it on first read and kept from then
/// on (trust events change it); ids containing <c>UNKNOWN</c> have none. <c>PUT /_sim/customers/{id}</c> pins a record.
/// </summary>
public sealed class SimulatedCustomers(SimulatorClock clock)
{
    private static readonly string[] Tiers = ["standard", "VIP"];
    private static readonly string[] TrustLevels = ["low", "normal", "trusted"];
    private static readonly string[] Channels = ["email", "sms", "app"];

    private readonly object _gate = new();
    private readonly Dictionary<string, Customer> _customers = new(StringComparer.Ordinal);
    private readonly List<TrustEvent> _trustEvents = [];

    /// <summary>A customer of the shop.</summary>
    public sealed record Customer(
        string CustomerId,
        string Name,
        string Tier,
        string TrustLevel,
        int TrustScore,
        string Language,
        string PreferredChannel,
        string Country);

    /// <summary>A trust event as recorded, with the score it left.</summary>
    public sealed record TrustEvent(string CustomerId, string Reason, string OrderId, int Penalty, int TrustScore, DateTimeOffset At);

    /// <summary>The level a score gives: 70 and more trusted, 40 and more normal, else low.</summary>
    public static string TrustLevelOf(int score) => score >= 70 ? "trusted" : score >= 40 ? "normal" : "low";

    /// <summary>The customer; on the first read of an id it is synthesized and kept. Null for an unpinned id containing <c>UNKNOWN</c>.</summary>
    public Customer? Find(string customerId)
    {
        lock (_gate)
        {
            return FindLocked(customerId);
        }
    }

    /// <summary>Replaces whatever is held for the customer's id.</summary>
    public void Pin(Customer customer)
    {
        lock (_gate)
        {
            _customers[customer.CustomerId] = customer;
        }
    }

    /// <summary>Lowers the customer's score by <paramref name="penalty"/> (not below 0) and recomputes the level; null for an unknown customer.</summary>
    public Customer? LowerTrust(string customerId, string reason, string orderId, int penalty)
    {
        lock (_gate)
        {
            if (FindLocked(customerId) is not { } customer)
            {
                return null;
            }

            var score = Math.Max(0, customer.TrustScore - penalty);
            var lowered = customer with { TrustScore = score, TrustLevel = TrustLevelOf(score) };
            _customers[customerId] = lowered;
            _trustEvents.Add(new TrustEvent(customerId, reason, orderId, penalty, score, clock.GetUtcNow()));
            return lowered;
        }
    }

    /// <summary>Every customer read or pinned so far and every trust event, for <c>GET /_sim/state</c>.</summary>
    public object Snapshot()
    {
        lock (_gate)
        {
            return new { customers = _customers.Values.ToList(), trustEvents = _trustEvents.ToList() };
        }
    }

    /// <summary>A pinned customer from a <c>PUT /_sim/customers/{id}</c> body; null when a field is missing or out of range.</summary>
    public static Customer? FromBody(string customerId, CustomerBody body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return body is { Name.Length: > 0, Tier: { } tier, TrustLevel: { } level, TrustScore: >= 0 and <= 100, Language.Length: > 0, PreferredChannel: { } channel, Country.Length: > 0 }
            && Tiers.Contains(tier) && TrustLevels.Contains(level) && Channels.Contains(channel) && (body.CustomerId is null || body.CustomerId == customerId)
            ? new Customer(customerId, body.Name, tier, level, body.TrustScore.Value, body.Language, channel, body.Country)
            : null;
    }

    private Customer? FindLocked(string customerId)
    {
        if (_customers.TryGetValue(customerId, out var customer))
        {
            return customer;
        }

        if (SyntheticIds.IsUnknown(customerId))
        {
            return null;
        }

        customer = Synthesize(customerId);
        _customers[customerId] = customer;
        return customer;
    }

    /// <summary>Country and language by the id's segments, tier by <c>VIP</c>, trust by <c>TRUSTED</c> or <c>NEW</c>.</summary>
    private static Customer Synthesize(string customerId)
    {
        var market = SyntheticIds.MarketOf(customerId);
        var vip = SyntheticIds.Has(customerId, "VIP");
        var score = SyntheticIds.Has(customerId, "TRUSTED") ? 85 : SyntheticIds.Has(customerId, "NEW") ? 30 : 55;
        return new Customer(
            customerId, "Customer " + customerId, vip ? "VIP" : "standard", TrustLevelOf(score), score, market.Language, vip ? "app" : "email", market.Country);
    }
}
