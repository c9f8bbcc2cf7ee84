using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Orchestrator.Simulators.Tests;

/// <summary>The shop's orders and customers APIs: records synthesized from their ids, kept once read, pinned by <c>/_sim</c>, trust lowered by events.</summary>
public sealed class OrdersAndCustomersTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 10, 9, 30, 0, TimeSpan.Zero);
    private static readonly string[] Skus = ["SKU-EARBUDS", "SKU-KETTLE", "SKU-SNEAKER", "SKU-SERUM", "SKU-BLENDER", "SKU-JACKET"];
    private static readonly string[] Channels = ["web", "app", "marketplace"];

    private SimulatorHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await SimulatorHost.StartAsync(new Dictionary<string, string?>());
        await _host.Clock(Now);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("ORD-1", "CN", "CNY")]
    [InlineData("ORD-TH-1", "TH", "THB")]
    [InlineData("ORD-VIP-DE-7", "DE", "EUR")]
    [InlineData("ord-vn-3", "VN", "VND")]
    [InlineData("ORD-GB-ES-1", "GB", "GBP")]
    [InlineData("ORD-SGX-1", "CN", "CNY")]
    public async Task An_order_s_country_and_currency_come_from_the_first_country_segment_of_its_id(string orderId, string country, string currency)
    {
        var order = await _host.Get($"/orders/orders/{orderId}");

        Assert.Equal(orderId, (string?)order["orderId"]);
        Assert.Equal("CUST-" + orderId, (string?)order["customerId"]);
        Assert.Equal(country, (string?)order["country"]);
        Assert.Equal(currency, (string?)order["currency"]);
    }

    [Theory]
    [InlineData("ORD-1")]
    [InlineData("ORD-ID-42")]
    [InlineData("ORD-MY-9")]
    public async Task A_synthesized_order_adds_up_and_was_placed_5_days_and_delivered_2_days_before_now(string orderId)
    {
        var order = await _host.Get($"/orders/orders/{orderId}");

        var lines = order["lines"]!.AsArray().Select(l => l!).ToList();
        Assert.InRange(lines.Count, 1, 2);
        Assert.All(lines, l => Assert.Contains((string?)l["sku"], Skus));
        Assert.All(lines, l => Assert.InRange((int)l["quantity"]!, 1, 2));
        var orderValue = (decimal)order["orderValue"]!;
        var paidAmount = (decimal)order["paidAmount"]!;
        Assert.Equal(lines.Sum(l => (int)l["quantity"]! * (decimal)l["unitPrice"]!), orderValue);
        Assert.InRange(paidAmount, Math.Round(orderValue * 0.9m, 2), orderValue);
        Assert.Equal(paidAmount, Math.Round(paidAmount, 2));
        Assert.Equal(paidAmount, lines.Sum(l => (decimal)l["paidAmount"]!));
        Assert.Contains((string?)order["channel"], Channels);
        Assert.Equal(Now.AddDays(-5), Instant(order["placedAt"]));
        Assert.Equal(Now.AddDays(-2), Instant(order["deliveredAt"]));
    }

    [Fact]
    public async Task An_order_is_kept_from_its_first_read_and_synthesized_alike_by_another_simulator()
    {
        var first = (await _host.Get("/orders/orders/ORD-KEEP-1")).ToJsonString();
        await _host.Clock(Now.AddDays(3));
        var again = (await _host.Get("/orders/orders/ORD-KEEP-1")).ToJsonString();
        await using var other = await SimulatorHost.StartAsync(new Dictionary<string, string?>());
        await other.Clock(Now);
        var elsewhere = (await other.Get("/orders/orders/ORD-KEEP-1")).ToJsonString();

        Assert.Equal(first, again);
        Assert.Equal(first, elsewhere);
    }

    [Fact]
    public async Task Orders_differ_by_id()
    {
        var orders = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            var order = await _host.Get($"/orders/orders/ORD-VARY-{i}");
            orders.Add(order["lines"]!.ToJsonString() + order["channel"]);
        }

        Assert.True(orders.Distinct().Count() > 1, "every order was synthesized the same");
    }

    [Fact]
    public async Task An_undelivered_order_has_a_null_delivery_time()
    {
        var order = (await _host.Get("/orders/orders/ORD-UNDELIVERED-1")).AsObject();

        Assert.True(order.ContainsKey("deliveredAt"));
        Assert.Null(order["deliveredAt"]);
        Assert.Equal(Now.AddDays(-5), Instant(order["placedAt"]));
    }

    [Fact]
    public async Task Ids_containing_UNKNOWN_are_404_with_the_error_shape()
    {
        var order = await SimulatorHost.Json(await _host.Client.GetAsync("/orders/orders/ORD-UNKNOWN-1"), HttpStatusCode.NotFound);
        var customer = await SimulatorHost.Json(await _host.Client.GetAsync("/customers/customers/C-UNKNOWN"), HttpStatusCode.NotFound);
        var trust = await SimulatorHost.Json(await _host.Post("/customers/customers/C-UNKNOWN/trust-events", TrustEvent(10)), HttpStatusCode.NotFound);

        Assert.All([order, customer, trust], e => Assert.Equal("NOT_FOUND", (string?)e["error"]));
        Assert.Contains("ORD-UNKNOWN-1", (string?)order["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_line_names_its_SKU_s_supplier_the_same_in_every_order_and_a_pinned_line_may_name_its_own()
    {
        var orders = await Task.WhenAll(Enumerable.Range(1, 12).Select(i => _host.Get($"/orders/orders/ORD-SUP-{i}")));
        var pinned = new
        {
            customerId = "C-1", channel = "web", country = "CN", currency = "CNY", orderValue = 20m, paidAmount = 20m, placedAt = "2026-11-01T10:00:00Z",
            lines = new object[]
            {
                new { sku = "SKU-EARBUDS", name = "Earbuds", category = "electronics", quantity = 1, unitPrice = 10m, paidAmount = 10m },
                new { sku = "SKU-EARBUDS", name = "Earbuds", category = "electronics", quantity = 1, unitPrice = 10m, paidAmount = 10m, supplier = "Acme" },
            },
        };
        await _host.Client.PutAsJsonAsync("/_sim/orders/ORD-SUP-PIN", pinned);
        var pinnedLines = (await _host.Get("/orders/orders/ORD-SUP-PIN"))["lines"]!.AsArray();

        var suppliers = orders.SelectMany(o => o["lines"]!.AsArray()).GroupBy(l => (string?)l!["sku"]).ToDictionary(g => g.Key!, g => g.Select(l => (string?)l!["supplier"]).Distinct().ToList());
        Assert.True(suppliers.Count > 1, "the orders should hold more than one SKU");
        Assert.All(suppliers.Values, s => Assert.False(string.IsNullOrEmpty(Assert.Single(s))));
        Assert.Equal(suppliers["SKU-EARBUDS"].Single(), (string?)pinnedLines[0]!["supplier"]);
        Assert.Equal("Acme", (string?)pinnedLines[1]!["supplier"]);
    }

    [Fact]
    public async Task A_pinned_order_replaces_the_synthesized_one_and_shows_in_the_state()
    {
        await _host.Get("/orders/orders/ORD-PIN-1");
        var pinned = new
        {
            customerId = "C-VIP-1", channel = "marketplace", country = "ES", currency = "EUR", orderValue = 200.00m, paidAmount = 180.00m,
            placedAt = "2026-11-01T10:00:00Z", deliveredAt = (string?)null,
            lines = new[] { new { sku = "SKU-X", name = "Lamp", category = "home", quantity = 2, unitPrice = 100.00m, paidAmount = 180.00m } },
        };

        var put = await _host.Client.PutAsJsonAsync("/_sim/orders/ORD-PIN-1", pinned);
        var order = await _host.Get("/orders/orders/ORD-PIN-1");
        var state = await _host.Get("/_sim/state");

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal("C-VIP-1", (string?)order["customerId"]);
        Assert.Equal("marketplace", (string?)order["channel"]);
        Assert.Equal(180m, (decimal)order["paidAmount"]!);
        Assert.Null(order["deliveredAt"]);
        Assert.Equal("Lamp", (string?)order["lines"]![0]!["name"]);
        Assert.Equal("C-VIP-1", (string?)Assert.Single(state["orders"]!.AsArray())!["customerId"]);
    }

    [Theory]
    [InlineData("""{"customerId":"C-1","channel":"web","country":"CN","currency":"CNY","orderValue":10,"paidAmount":10,"placedAt":"2026-11-01T10:00:00Z","lines":[""")]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("""{"customerId":"C-1","channel":"fax","country":"CN","currency":"CNY","orderValue":10,"paidAmount":10,"placedAt":"2026-11-01T10:00:00Z","lines":[]}""")]
    [InlineData("""{"customerId":"C-1","channel":"web","country":"CN","currency":"CNY","orderValue":10,"paidAmount":10,"lines":[]}""")]
    [InlineData("""{"customerId":"C-1","channel":"web","country":"CN","currency":"CNY","orderValue":10,"paidAmount":10,"placedAt":"yesterday","lines":[]}""")]
    [InlineData("""{"orderId":"ORD-OTHER","customerId":"C-1","channel":"web","country":"CN","currency":"CNY","orderValue":10,"paidAmount":10,"placedAt":"2026-11-01T10:00:00Z","lines":[]}""")]
    [InlineData("""{"customerId":"C-1","channel":"web","country":"CN","currency":"CNY","orderValue":10,"paidAmount":10,"placedAt":"2026-11-01T10:00:00Z","lines":[{"sku":"S","name":"N","category":"c","quantity":0,"unitPrice":1,"paidAmount":1}]}""")]
    public async Task A_bad_order_to_pin_is_400_with_the_error_shape_and_pins_nothing(string body)
    {
        var response = await _host.Send(HttpMethod.Put, "/_sim/orders/ORD-BAD-1", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal("INVALID_REQUEST", (string?)(await SimulatorHost.Json(response, HttpStatusCode.BadRequest))["error"]);
        Assert.Equal("CUST-ORD-BAD-1", (string?)(await _host.Get("/orders/orders/ORD-BAD-1"))["customerId"]);
    }

    [Theory]
    [InlineData("C-1", "CN", "zh-CN", "standard", 55, "normal", "email")]
    [InlineData("C-VIP-DE-2", "DE", "de", "VIP", 55, "normal", "app")]
    [InlineData("C-TRUSTED-SG", "SG", "en", "standard", 85, "trusted", "email")]
    [InlineData("C-NEW-ID-3", "ID", "id", "standard", 30, "low", "email")]
    [InlineData("CUST-ORD-MY-1", "MY", "ms", "standard", 55, "normal", "email")]
    [InlineData("C-TH-VIP-TRUSTED", "TH", "th", "VIP", 85, "trusted", "app")]
    [InlineData("C-VN", "VN", "vi", "standard", 55, "normal", "email")]
    [InlineData("C-ES", "ES", "es", "standard", 55, "normal", "email")]
    [InlineData("C-GB", "GB", "en", "standard", 55, "normal", "email")]
    public async Task A_customer_is_synthesized_from_the_segments_of_its_id(
        string customerId, string country, string language, string tier, int score, string level, string channel)
    {
        var customer = await _host.Get($"/customers/customers/{customerId}");

        Assert.Equal(customerId, (string?)customer["customerId"]);
        Assert.Equal("Customer " + customerId, (string?)customer["name"]);
        Assert.Equal(country, (string?)customer["country"]);
        Assert.Equal(language, (string?)customer["language"]);
        Assert.Equal(tier, (string?)customer["tier"]);
        Assert.Equal(score, (int)customer["trustScore"]!);
        Assert.Equal(level, (string?)customer["trustLevel"]);
        Assert.Equal(channel, (string?)customer["preferredChannel"]);
    }

    [Fact]
    public async Task Trust_events_lower_the_score_not_below_0_and_recompute_the_level()
    {
        var levels = new List<(string Level, int Score)>();
        var key = 0;
        foreach (var penalty in new[] { 15, 1, 29, 100 })
        {
            var trust = await SimulatorHost.Json(await _host.Post("/customers/customers/C-TRUSTED-9/trust-events", TrustEvent(penalty), $"job-{++key}"), HttpStatusCode.OK);
            Assert.Equal("C-TRUSTED-9", (string?)trust["customerId"]);
            levels.Add(((string)trust["trustLevel"]!, (int)trust["trustScore"]!));
        }

        var customer = await _host.Get("/customers/customers/C-TRUSTED-9");
        var state = await _host.Get("/_sim/state");

        Assert.Equal([("trusted", 70), ("normal", 69), ("normal", 40), ("low", 0)], levels);
        Assert.Equal(0, (int)customer["trustScore"]!);
        Assert.Equal("low", (string?)customer["trustLevel"]);
        Assert.Equal(4, state["customers"]!["trustEvents"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_trust_event_with_a_key_seen_before_answers_the_first_result_and_lowers_once()
    {
        var first = await SimulatorHost.Json(await _host.Post("/customers/customers/C-REPLAY/trust-events", TrustEvent(30), "job-7"), HttpStatusCode.OK);
        var again = await SimulatorHost.Json(await _host.Post("/customers/customers/C-REPLAY/trust-events", TrustEvent(30), "job-7"), HttpStatusCode.OK);

        Assert.Equal(first.ToJsonString(), again.ToJsonString());
        Assert.Equal(25, (int)first["trustScore"]!);
        Assert.Equal(25, (int)(await _host.Get("/customers/customers/C-REPLAY"))["trustScore"]!);
    }

    [Theory]
    [InlineData("""{"reason":"refund-clawback","orderId":"ORD-1","penalty":0}""")]
    [InlineData("""{"reason":"refund-clawback","orderId":"ORD-1","penalty":101}""")]
    [InlineData("""{"reason":"refund-clawback","orderId":"ORD-1","penalty":2.5}""")]
    [InlineData("""{"reason":"refund-clawback","orderId":"ORD-1"}""")]
    [InlineData("""{"orderId":"ORD-1","penalty":10}""")]
    [InlineData("""{"reason":"refund-clawback","penalty":10}""")]
    [InlineData("""{"reason":""")]
    [InlineData("")]
    public async Task A_bad_trust_event_is_400_with_the_error_shape_and_lowers_nothing(string body)
    {
        var response = await _host.Send(HttpMethod.Post, "/customers/customers/C-BAD/trust-events", new StringContent(body, Encoding.UTF8, "application/json"), "job-1");

        Assert.Equal("INVALID_REQUEST", (string?)(await SimulatorHost.Json(response, HttpStatusCode.BadRequest))["error"]);
        Assert.Equal(55, (int)(await _host.Get("/customers/customers/C-BAD"))["trustScore"]!);
    }

    [Fact]
    public async Task A_pinned_customer_replaces_the_synthesized_one_and_a_bad_one_is_400()
    {
        var pinned = new { name = "Li Wei", tier = "VIP", trustLevel = "low", trustScore = 20, language = "en", preferredChannel = "sms", country = "SG" };

        var put = await _host.Client.PutAsJsonAsync("/_sim/customers/C-PIN", pinned);
        var bad = await _host.Client.PutAsJsonAsync("/_sim/customers/C-PIN", pinned with { trustScore = 101 });
        var badTier = await _host.Client.PutAsJsonAsync("/_sim/customers/C-PIN", pinned with { tier = "gold" });
        var lowered = await SimulatorHost.Json(await _host.Post("/customers/customers/C-PIN/trust-events", TrustEvent(5)), HttpStatusCode.OK);
        var customer = await _host.Get("/customers/customers/C-PIN");

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal("INVALID_REQUEST", (string?)(await SimulatorHost.Json(bad, HttpStatusCode.BadRequest))["error"]);
        Assert.Equal(HttpStatusCode.BadRequest, badTier.StatusCode);
        Assert.Equal(15, (int)lowered["trustScore"]!);
        Assert.Equal("Li Wei", (string?)customer["name"]);
        Assert.Equal("sms", (string?)customer["preferredChannel"]);
        Assert.Equal(15, (int)customer["trustScore"]!);
    }

    private static object TrustEvent(int penalty) => new { reason = "refund-clawback", orderId = "ORD-1", penalty };

    private static DateTimeOffset Instant(JsonNode? node) => DateTimeOffset.Parse((string)node!, CultureInfo.InvariantCulture);
}
