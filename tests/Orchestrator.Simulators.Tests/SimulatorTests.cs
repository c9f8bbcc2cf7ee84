using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;

namespace Orchestrator.Simulators.Tests;

/// <summary>The simulators on a test host, with their webhooks captured instead of sent.</summary>
public sealed class SimulatorTests : IAsyncLifetime
{
    private readonly List<(string Url, string Timestamp, string Signature, string Body)> _webhooks = [];
    private SimulatorHost _host = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _host = await SimulatorHost.StartAsync(
            new Dictionary<string, string?>
            {
                ["Simulators:CarrierTrackingUrl"] = "http://orchestrator/webhooks/carrier/tracking",
                ["Simulators:CarrierSecret"] = "carrier-secret",
                ["Simulators:WarehouseUrl"] = "http://orchestrator/webhooks/warehouse/events",
                ["Simulators:WarehouseSecret"] = "warehouse-secret",
            },
            services => services.ConfigureAll<HttpClientFactoryOptions>(o => o.HttpMessageHandlerBuilderActions.Add(b => b.PrimaryHandler = new Capture(_webhooks))));
        _client = _host.Client;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_shipment_moves_with_the_clock_and_each_status_is_sent_signed()
    {
        var start = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
        await Clock(start);
        var label = await Json(await Post("/carrier/shipments", Shipment("S-1")), HttpStatusCode.Created);
        var code = label["trackingCode"]!.GetValue<string>();

        await Clock(start.AddHours(25));
        var tracker = await Json(await _client.GetAsync($"/carrier/trackers/{code}"), HttpStatusCode.OK);

        Assert.Equal("Delivered", tracker["status"]!.GetValue<string>());
        Assert.Equal(["Created", "InTransit", "OutForDelivery", "Delivered"], tracker["events"]!.AsArray().Select(e => e!["status"]!.GetValue<string>()));
        await WaitForWebhooks(3);
        lock (_webhooks)
        {
            Assert.All(_webhooks, w => Assert.Equal(Sign("carrier-secret", w.Timestamp, w.Body), w.Signature));
            Assert.Equal(["InTransit", "OutForDelivery", "Delivered"], _webhooks.Select(w => JsonNode.Parse(w.Body)!["status"]!.GetValue<string>()));
        }
    }

    [Fact]
    public void Bug_a_tracker_read_right_after_the_clock_moved_showed_the_status_from_before_until_the_world_loop_s_next_turn()
    {
        // Arrange: the world alone, without the loop that records statuses (the HTTP tests raced it)
        var clock = new SimulatorClock();
        var start = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
        clock.Pin(start);
        var world = new SimulatedWorld(clock);
        var shipment = world.CreateShipment("T-1", "C-1", isReturn: false);

        // Act: 21 hours on, nothing recorded yet; then the loop's turn, then 4 hours more
        clock.Pin(start.AddHours(21));
        var before = world.Track(shipment);
        var sent = world.Advance();
        var recorded = world.Track(shipment);
        clock.Pin(start.AddHours(25));
        var later = world.Track(shipment);

        // Assert: what the clock passed is tracked at once, and the loop records (and sends) the same, once
        string[] moving = ["Created", "InTransit", "OutForDelivery"];
        Assert.Equal(moving, before.Select(e => e.Status));
        Assert.Equal(moving, recorded.Select(e => e.Status));
        Assert.Equal(2, sent.Count);
        Assert.Equal([.. moving, "Delivered"], later.Select(e => e.Status));
        Assert.Equal(start.AddHours(24), later[^1].At);
        Assert.Equal(SimulatedWorld.UndoRefusal.InUse, world.VoidShipment(shipment.ShipmentId));
    }

    [Theory]
    [InlineData("LOST-1", "Lost")]
    [InlineData("DAMAGED-1", "Damaged")]
    [InlineData("RETURN-1", "ReturnToSender")]
    [InlineData("NOSHIP-1", "Created")]
    public async Task Order_id_keywords_choose_the_parcel_s_fate(string orderId, string status)
    {
        var start = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
        await Clock(start);
        var code = (await Json(await Post("/carrier/shipments", Shipment(orderId)), HttpStatusCode.Created))["trackingCode"]!.GetValue<string>();

        await Clock(start.AddHours(80));

        Assert.Equal(status, (await Json(await _client.GetAsync($"/carrier/trackers/{code}"), HttpStatusCode.OK))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Business_failures_are_422_with_their_codes()
    {
        var heavy = await Post("/carrier/shipments", new { orderId = "H", customerId = "C", from = Address, to = Address, parcel = new { weightKg = 40 } });
        var declined = await Post("/payment/refunds", new { orderId = "DECLINE-1", customerId = "C", amount = 10, currency = "CNY" });
        var soldOut = await Post("/warehouse/reservations", new { orderId = "O", sku = "SKU-SOLDOUT", quantity = 1 });

        Assert.Equal("LABEL_REJECTED", (await Json(heavy, HttpStatusCode.UnprocessableEntity))["error"]!.GetValue<string>());
        Assert.Equal("REFUND_DECLINED", (await Json(declined, HttpStatusCode.UnprocessableEntity))["error"]!.GetValue<string>());
        Assert.Equal("OUT_OF_STOCK", (await Json(soldOut, HttpStatusCode.UnprocessableEntity))["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_idempotency_key_replays_the_first_refund_and_injected_faults_are_not_replayed()
    {
        await _client.PutAsJsonAsync("/_sim/faults", new { method = "POST", path = "/payment/refunds", failNext = 1, status = 503 });
        var body = new { orderId = "IDEM-1", customerId = "C", amount = 50, currency = "CNY" };

        var failed = await Post("/payment/refunds", body, "job-1");
        var first = await Json(await Post("/payment/refunds", body, "job-1"), HttpStatusCode.Created);
        var again = await Json(await Post("/payment/refunds", body, "job-1"), HttpStatusCode.Created);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Equal(first["refundId"]!.GetValue<string>(), again["refundId"]!.GetValue<string>());
        Assert.Single((await Json(await _client.GetAsync("/payment/refunds?orderId=IDEM-1"), HttpStatusCode.OK)).AsArray());
    }

    [Fact]
    public async Task Bug_a_retry_sent_while_the_first_call_ran_refunded_twice_now_it_waits_and_gets_the_first_answer()
    {
        // Both calls spend the added latency at once; before, both then refunded.
        await _client.PutAsJsonAsync("/_sim/faults", new { method = "POST", path = "/payment/refunds", latencyMs = 500 });
        var body = new { orderId = "IDEM-2", customerId = "C", amount = 50, currency = "CNY" };

        var answers = await Task.WhenAll(Post("/payment/refunds", body, "job-2"), Post("/payment/refunds", body, "job-2"));

        var refunds = await Task.WhenAll(answers.Select(a => Json(a, HttpStatusCode.Created)));
        Assert.Equal(refunds[0]["refundId"]!.GetValue<string>(), refunds[1]["refundId"]!.GetValue<string>());
        Assert.Single((await Json(await _client.GetAsync("/payment/refunds?orderId=IDEM-2"), HttpStatusCode.OK)).AsArray());
    }

    [Fact]
    public async Task A_rendered_message_is_stored_as_sent_and_listed_with_its_language()
    {
        // Arrange
        await Clock(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));

        // Act
        var sms = await Json(await Post("/notify/messages", new { customerId = "C-ZH", channel = "sms", template = "refund-issued", language = "zh-CN", subject = "", body = "退款金额：99", trackingUrl = (string?)null }), HttpStatusCode.Accepted);
        await Json(await Post("/notify/messages", new { customerId = "C-ZH", channel = "email", template = "parcel-received", language = "de", subject = "Paket da", body = "Danke", trackingUrl = "http://shop.test/track/t" }), HttpStatusCode.Accepted);
        await Json(await Post("/notify/messages", new { customerId = "C-OTHER", channel = "app", template = "csat-survey", language = "en", subject = "Hi", body = "Rate us" }), HttpStatusCode.Accepted);
        var listed = (await Json(await _client.GetAsync("/notify/messages?customerId=C-ZH"), HttpStatusCode.OK)).AsArray();

        // Assert
        Assert.StartsWith("MSG-", sms["messageId"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(
            ["messageId", "customerId", "channel", "template", "language", "subject", "body", "trackingUrl", "sentAt"],
            sms.AsObject().Select(p => p.Key));
        Assert.Equal(
            ("C-ZH", "sms", "refund-issued", "zh-CN", "", "退款金额：99", null, "2026-12-01T08:00:00+00:00"),
            (sms["customerId"]!.GetValue<string>(), sms["channel"]!.GetValue<string>(), sms["template"]!.GetValue<string>(), sms["language"]!.GetValue<string>(),
                sms["subject"]!.GetValue<string>(), sms["body"]!.GetValue<string>(), sms["trackingUrl"], sms["sentAt"]!.GetValue<string>()));
        Assert.Equal(["zh-CN", "de"], listed.Select(m => m!["language"]!.GetValue<string>()));
        Assert.Equal("http://shop.test/track/t", listed[1]!["trackingUrl"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("customerId")]
    [InlineData("channel")]
    [InlineData("template")]
    [InlineData("language")]
    [InlineData("body")]
    public async Task A_message_without_a_required_field_is_a_400_naming_the_fields(string missing)
    {
        // Arrange
        var message = new Dictionary<string, string?> { ["customerId"] = "C-1", ["channel"] = "email", ["template"] = "t", ["language"] = "en", ["subject"] = "s", ["body"] = "b" };
        message.Remove(missing);

        // Act
        var answer = await Json(await Post("/notify/messages", message), HttpStatusCode.BadRequest);

        // Assert
        Assert.Equal("INVALID_REQUEST", answer["error"]!.GetValue<string>());
        Assert.Contains(missing, answer["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty((await Json(await _client.GetAsync("/notify/messages?customerId=C-1"), HttpStatusCode.OK)).AsArray());
    }

    [Fact]
    public async Task A_label_is_voided_while_the_carrier_has_not_moved_the_parcel_a_pickup_cancelled_and_reserved_stock_put_back_once()
    {
        // Arrange: one label voided at once, one after the parcel left; a pickup; a reservation of 3 of 10
        var start = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
        await Clock(start);
        var unused = (await Json(await Post("/carrier/shipments", Shipment("V-1")), HttpStatusCode.Created))["shipmentId"]!.GetValue<string>();
        var moving = await Json(await Post("/carrier/shipments", Shipment("V-2")), HttpStatusCode.Created);
        var pickup = await Json(await Post("/carrier/pickups", new { shipmentId = unused, date = "2026-12-02" }), HttpStatusCode.Created);
        var reservation = await Json(await Post("/warehouse/reservations", new { orderId = "V-1", sku = "SKU-UNDO", quantity = 3 }), HttpStatusCode.Created);

        // Act
        var voided = await Json(await Post($"/carrier/shipments/{unused}/void", new { }), HttpStatusCode.OK);
        await Clock(start.AddHours(25));
        var tooLate = await Post($"/carrier/shipments/{moving["shipmentId"]!.GetValue<string>()}/void", new { });
        var cancelled = await Json(await Post($"/carrier/pickups/{pickup["pickupId"]!.GetValue<string>()}/cancel", new { }), HttpStatusCode.OK);
        var reservationId = reservation["reservationId"]!.GetValue<string>();
        await Json(await Post($"/warehouse/reservations/{reservationId}/release", new { }), HttpStatusCode.OK);
        var again = await Json(await Post($"/warehouse/reservations/{reservationId}/release", new { }), HttpStatusCode.OK);
        var unknown = await Post("/warehouse/reservations/RS-NOPE/release", new { });

        // Assert: the voided shipment went nowhere; the other could not be voided; stock is back to 10, not 13
        Assert.Equal("Voided", voided["status"]!.GetValue<string>());
        Assert.Equal("LABEL_IN_USE", (await Json(tooLate, HttpStatusCode.UnprocessableEntity))["error"]!.GetValue<string>());
        Assert.Equal("Cancelled", cancelled["status"]!.GetValue<string>());
        Assert.Equal("Released", again["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(10, (await Json(await _client.GetAsync("/warehouse/stock/SKU-UNDO"), HttpStatusCode.OK))["available"]!.GetValue<int>());
        var state = await Json(await _client.GetAsync("/_sim/state"), HttpStatusCode.OK);
        var shipment = state["world"]!["shipments"]!.AsArray().Single(s => s!["shipmentId"]!.GetValue<string>() == unused)!;
        Assert.Equal("Voided", shipment["status"]!.GetValue<string>());
        Assert.Equal("CANCELLED", state["world"]!["pickups"]!.AsArray().Single()!["status"]!.GetValue<string>());
    }

    private static readonly object Address = new { name = "Li", street = "1 Road", city = "Shanghai", postalCode = "200000", country = "CN" };

    private static object Shipment(string orderId) => new { orderId, customerId = "C", from = Address, to = Address, parcel = new { weightKg = 1 }, isReturn = false };

    private Task<HttpResponseMessage> Post(string path, object body, string? idempotencyKey = null) => _host.Post(path, body, idempotencyKey);

    private Task Clock(DateTimeOffset at) => _host.Clock(at);

    private static Task<JsonNode> Json(HttpResponseMessage response, HttpStatusCode expected) => SimulatorHost.Json(response, expected);

    private async Task WaitForWebhooks(int count)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            lock (_webhooks)
            {
                if (_webhooks.Count >= count)
                {
                    return;
                }
            }

            await Task.Delay(50);
        }
    }

    private static string Sign(string secret, string timestamp, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + body)));

    private sealed class Capture(List<(string, string, string, string)> into) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = await request.Content!.ReadAsStringAsync(cancellationToken);
            lock (into)
            {
                into.Add((request.RequestUri!.ToString(), request.Headers.GetValues("X-Timestamp").Single(), request.Headers.GetValues("X-Signature").Single(), body));
            }

            return new HttpResponseMessage(HttpStatusCode.Accepted);
        }
    }
}
