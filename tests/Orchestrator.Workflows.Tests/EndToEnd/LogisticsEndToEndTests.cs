using System.Globalization;
using System.Text.Json.Nodes;
using Orchestrator.Testing;

namespace Orchestrator.Workflows.Tests.EndToEnd;

/// <summary>
/// logistics-exception against the simulators: the simulated carrier loses, damages or delays a parcel as the clock
/// moves (by its order id), the orders and customers APIs answer who and what it is, the payment provider refunds or
/// declines, the notification service records every message in the customer's language.
/// </summary>
public sealed class LogisticsEndToEndTests(SimulatedWorldServer server) : IClassFixture<SimulatedWorldServer>
{
    // Thursday 10 December 2026, 10:00 in Shanghai.
    private static readonly DateTimeOffset Start = new(2026, 12, 10, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_lost_parcel_is_claimed_at_the_orders_value_and_the_customer_refunded_what_they_paid_all_told_in_German() =>
        await server.RunAtAsync(Start, async () =>
        {
            // Arrange: a German order (the simulator prices it in EUR) that the carrier loses 30 hours after shipping.
            var trackingCode = await ShipAsync("DE-LOST-21");
            await server.PinAsync(Start.AddHours(31));
            var instance = await server.ExceptionOfAsync(trackingCode);

            // Act
            var task = await OpenTaskAsync(instance);
            await CompleteTaskAsync(task, new { action = "refund" });
            Assert.True(await PassedAsync(instance, "resolved"), "the refund was not told");
            await Surveys.WaitingAsync(server, instance);

            // Assert
            var state = await StateOfSimulatorsAsync();
            var order = Order(state, "DE-LOST-21");
            Assert.Equal(70, task["priority"]!.GetValue<int>());
            var claim = Assert.Single(state["world"]!["claims"]!.AsArray(), c => c!["trackingCode"]!.GetValue<string>() == trackingCode)!;
            Assert.Equal(order["orderValue"]!.GetValue<decimal>(), claim["amount"]!.GetValue<decimal>());
            var refund = Assert.Single(state["world"]!["refunds"]!.AsArray(), r => r!["orderId"]!.GetValue<string>() == "DE-LOST-21")!;
            Assert.Equal((order["paidAmount"]!.GetValue<decimal>(), "EUR", "CUST-DE-LOST-21"),
                (refund["amount"]!.GetValue<decimal>(), refund["currency"]!.GetValue<string>(), refund["customerId"]!.GetValue<string>()));
            var sent = Messages(state, "CUST-DE-LOST-21");
            Assert.Equal(["delivery-exception", "delivery-claim-filed", "refund-issued", "satisfaction-survey"], sent.Select(m => m["template"]!.GetValue<string>()));
            Assert.All(sent, m => Assert.Equal(("de", "email"), (m["language"]!.GetValue<string>(), m["channel"]!.GetValue<string>())));
            Assert.Contains($"Betrag: {Amount(order["paidAmount"]!)} EUR", sent[^2]["body"]!.GetValue<string>(), StringComparison.Ordinal);
        });

    [Fact]
    public async Task A_VIPs_damaged_parcel_comes_first_and_every_line_is_reshipped_with_the_new_tracking_codes_sent_to_the_app() =>
        await server.RunAtAsync(Start, async () =>
        {
            // Arrange: a VIP's order of two lines worth more than the carrier pays for a claim (denied), damaged on delivery.
            var trackingCode = await ShipAsync("VIP-DAMAGED-3");
            await server.PinAsync(Start.AddHours(25));
            var instance = await server.ExceptionOfAsync(trackingCode);

            // Act
            var task = await OpenTaskAsync(instance);
            await CompleteTaskAsync(task, new { action = "reship" });
            Assert.True(await PassedAsync(instance, "resolved"), "the reshipment was not told");
            await Surveys.WaitingAsync(server, instance);

            // Assert
            var state = await StateOfSimulatorsAsync();
            Assert.Equal(95, task["priority"]!.GetValue<int>());
            Assert.DoesNotContain(state["world"]!["claims"]!.AsArray(), c => c!["trackingCode"]!.GetValue<string>() == trackingCode);
            var reshipped = state["world"]!["shipments"]!.AsArray()
                .Where(s => s!["orderId"]!.GetValue<string>() == "VIP-DAMAGED-3" && s["trackingCode"]!.GetValue<string>() != trackingCode)
                .Select(s => s!["trackingCode"]!.GetValue<string>()).ToList();
            Assert.Equal(Order(state, "VIP-DAMAGED-3")["lines"]!.AsArray().Count, reshipped.Count);
            var sent = Messages(state, "CUST-VIP-DAMAGED-3");
            Assert.Equal(["delivery-exception", "delivery-reshipped", "satisfaction-survey"], sent.Select(m => m["template"]!.GetValue<string>()));
            Assert.All(sent, m => Assert.Equal(("zh-CN", "app"), (m["language"]!.GetValue<string>(), m["channel"]!.GetValue<string>())));
            Assert.All(reshipped, code => Assert.Contains(code, sent[^2]["body"]!.GetValue<string>(), StringComparison.Ordinal));
        });

    [Fact]
    public async Task A_refund_the_payment_provider_declines_is_told_to_the_customer_with_the_amount_and_goes_back_to_the_agent() =>
        await server.RunAtAsync(Start, async () =>
        {
            // Arrange: the simulated payment provider declines every refund of an order whose id says DECLINE.
            var trackingCode = await ShipAsync("E2E-DECLINE-LOST-1");
            await server.PinAsync(Start.AddHours(31));
            var instance = await server.ExceptionOfAsync(trackingCode);

            // Act
            await CompleteTaskAsync(await OpenTaskAsync(instance), new { action = "refund" });

            // Assert: the customer hears at once, the agent has the case again, nothing is an incident.
            Assert.True(await Poll.Until(async () => Messages(await StateOfSimulatorsAsync(), "CUST-E2E-DECLINE-LOST-1").Count == 3), "the customer was not told");
            var state = await StateOfSimulatorsAsync();
            var declined = Messages(state, "CUST-E2E-DECLINE-LOST-1")[^1];
            Assert.Equal(("delivery-refund-declined", "zh-CN"), (declined["template"]!.GetValue<string>(), declined["language"]!.GetValue<string>()));
            Assert.Contains($"退款金额：{Amount(Order(state, "E2E-DECLINE-LOST-1")["paidAmount"]!)} CNY", declined["body"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal("CREATED", (await OpenTaskAsync(instance))["state"]!.GetValue<string>());
            Assert.Empty(await server.SearchAsync("incidents", new { processInstanceKey = instance }));
        });

    [Fact]
    public async Task A_delayed_parcel_the_agent_waits_for_is_told_delivered_after_all() =>
        await server.RunAtAsync(Start, async () =>
        {
            // Arrange: delayed 20 hours after shipping, delivered at 48.
            var trackingCode = await ShipAsync("DE-DELAY-8");
            await server.PinAsync(Start.AddHours(21));
            var instance = await server.ExceptionOfAsync(trackingCode);
            var task = await OpenTaskAsync(instance);
            await CompleteTaskAsync(task, new { action = "wait" });

            // Act
            Assert.True(await Poll.Until(async () => (await server.SearchAsync("element-instances", new { processInstanceKey = instance, elementId = "awaitNews", state = "ACTIVE" })).Count > 0));
            await server.PinAsync(Start.AddHours(49));

            // Assert
            Assert.True(await PassedAsync(instance, "deliveredResolved"), "the delivery was not told");
            await Surveys.WaitingAsync(server, instance);
            Assert.Equal(40, task["priority"]!.GetValue<int>());
            var sent = Messages(await StateOfSimulatorsAsync(), "CUST-DE-DELAY-8");
            Assert.Equal(["delivery-exception", "delivery-delivered", "satisfaction-survey"], sent.Select(m => m["template"]!.GetValue<string>()));
            Assert.Equal("Das Paket Ihrer Bestellung DE-DELAY-8 wurde zugestellt", sent[^2]["subject"]!.GetValue<string>());
        });

    [Fact]
    public async Task A_parcel_of_an_order_the_shop_does_not_know_goes_to_an_agent() =>
        await server.RunAtAsync(Start, async () =>
        {
            // Arrange: the orders API answers 404 for ids with UNKNOWN.
            var trackingCode = await ShipAsync("UNKNOWN-LOST-1");
            await server.PinAsync(Start.AddHours(31));
            var instance = await server.ExceptionOfAsync(trackingCode);

            // Act
            var task = await OpenTaskAsync(instance);

            // Assert
            Assert.Equal("checkUnknownOrder", task["elementId"]!.GetValue<string>());
            Assert.Empty(await server.SearchAsync("incidents", new { processInstanceKey = instance }));
        });

    /// <summary>A shipment from the simulated warehouse, without a customer (the order says whose it is); returns its tracking code.</summary>
    private async Task<string> ShipAsync(string orderId) =>
        (await ApiAssert.OkJsonOrCreated(await server.PostAsync("/sim/warehouse/reshipments", new { orderId, sku = "SKU-X", quantity = 1 })))
            ["trackingCode"]!.GetValue<string>();

    private async Task<JsonNode> OpenTaskAsync(string instance)
    {
        JsonNode? task = null;
        Assert.True(await Poll.Until(async () => (task = (await server.SearchAsync("user-tasks", new { processInstanceKey = instance, state = "CREATED" })).FirstOrDefault()) is not null),
            $"instance {instance} has no open task");
        return task!;
    }

    private async Task CompleteTaskAsync(JsonNode task, object variables) =>
        await ApiAssert.NoContent(await server.PostAsync($"/v2/user-tasks/{task["userTaskKey"]}/completion", new { variables }));

    /// <summary>True once the case has passed <paramref name="elementId"/>.</summary>
    private Task<bool> PassedAsync(string instance, string elementId) =>
        Poll.Until(async () => (await server.SearchAsync("element-instances", new { processInstanceKey = instance, elementId, state = "COMPLETED" })).Count > 0);

    private async Task<JsonNode> StateOfSimulatorsAsync() => await ApiAssert.OkJson(await server.Client.GetAsync("/sim/_sim/state"));

    private static JsonNode Order(JsonNode state, string orderId) =>
        state["orders"]!.AsArray().Single(o => o!["orderId"]!.GetValue<string>() == orderId)!;

    private static List<JsonNode> Messages(JsonNode state, string customerId) =>
        [.. state["world"]!["notifications"]!.AsArray().Where(n => n!["customerId"]!.GetValue<string>() == customerId).Select(n => n!)];

    /// <summary>An amount as a message shows it (no trailing zeros).</summary>
    private static string Amount(JsonNode amount) => amount.GetValue<decimal>().ToString("0.##", CultureInfo.InvariantCulture);
}
