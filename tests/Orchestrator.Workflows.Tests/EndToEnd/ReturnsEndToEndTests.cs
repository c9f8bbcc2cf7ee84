using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orchestrator.Testing;

namespace Orchestrator.Workflows.Tests.EndToEnd;

/// <summary>
/// return-and-refund against the simulators with only what a storefront knows at start (the order id, the reason, the
/// address): the simulated shop's order and customer decide the amount, the language, the tier and trust, and the return centre.
/// </summary>
public sealed class ReturnsEndToEndTests(SimulatedWorldServer server) : IClassFixture<SimulatedWorldServer>
{
    // Thursday 10 December 2026, 10:00 in Shanghai.
    private static readonly DateTimeOffset Start = new(2026, 12, 10, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_German_VIP_is_refunded_what_the_order_cost_at_once_sends_the_parcel_to_Leipzig_and_the_carrier_s_tracking_reaches_the_return() =>
        await server.RunAtAsync(Start, async () =>
        {
            var instance = await StartAsync("DE-E2E-VIP-31");
            Assert.True(await Poll.Until(async () => (await ActiveAsync(instance)).Contains("awaitParcel")), "the return did not get its label");

            await server.PinAsync(Start.AddHours(25));
            Assert.True(await Poll.Until(async () => (await ActiveAsync(instance)).Contains("inspected")), "the parcel's delivery did not reach the warehouse");
            await server.PinAsync(Start.AddHours(28));
            await Surveys.AnswerAsync(server, instance, new { csat = 4, nps = 8 });
            Assert.True(await Poll.Until(async () => await StateAsync(instance) == "COMPLETED"), "the inspection did not finish the return");

            var state = await StateOfSimulatorsAsync();
            var order = Assert.Single(state["orders"]!.AsArray(), o => o!["orderId"]!.GetValue<string>() == "DE-E2E-VIP-31")!;
            var refund = Assert.Single(state["world"]!["refunds"]!.AsArray(), r => r!["orderId"]!.GetValue<string>() == "DE-E2E-VIP-31")!;
            Assert.Equal(order["paidAmount"]!.GetValue<decimal>(), refund["amount"]!.GetValue<decimal>());
            Assert.Equal("EUR", order["currency"]!.GetValue<string>());
            var messages = MessagesTo(state, "CUST-DE-E2E-VIP-31");
            Assert.Equal(["refund-issued", "return-label-sent", "parcel-received", "satisfaction-survey"], messages.Select(m => m["template"]!.GetValue<string>()));
            Assert.All(messages, m => Assert.Equal("de", m["language"]!.GetValue<string>()));
            Assert.All(messages, m => Assert.Equal("app", m["channel"]!.GetValue<string>()));
            Assert.Contains("Aftersales returns centre Leipzig, Am Logistikpark 7, 04435 Leipzig, DE", messages[1]["body"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Contains(order["paidAmount"]!.GetValue<decimal>().ToString("G29", System.Globalization.CultureInfo.InvariantCulture) + " EUR", messages[0]["body"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Single(await server.SearchAsync("element-instances", new { processInstanceKey = instance, elementId = "parcelScanned", state = "COMPLETED" }));
        });

    [Fact]
    public async Task A_trusted_customer_s_empty_box_takes_the_instant_refund_back_at_the_payment_provider_and_lowers_the_trust_at_the_shop() =>
        await server.RunAtAsync(Start, async () =>
        {
            var instance = await StartAsync("E2E-EMPTY-TRUSTED-32");
            Assert.True(await Poll.Until(async () => (await ActiveAsync(instance)).Contains("awaitParcel")));
            await server.PinAsync(Start.AddHours(25));
            Assert.True(await Poll.Until(async () => (await ActiveAsync(instance)).Contains("inspected")));
            await server.PinAsync(Start.AddHours(28));

            Assert.True(await Poll.Until(async () => (await server.SearchAsync("element-instances", new { processInstanceKey = instance, elementId = "rejected", state = "COMPLETED" })).Count > 0),
                "the empty box did not reject the return");
            var state = await StateOfSimulatorsAsync();
            var refund = Assert.Single(state["world"]!["refunds"]!.AsArray(), r => r!["orderId"]!.GetValue<string>() == "E2E-EMPTY-TRUSTED-32")!;
            Assert.Single(state["world"]!["reversals"]!.AsArray(), r => r!["refundId"]!.GetValue<string>() == refund["refundId"]!.GetValue<string>());
            var customer = Assert.Single(state["customers"]!["customers"]!.AsArray(), c => c!["customerId"]!.GetValue<string>() == "CUST-E2E-EMPTY-TRUSTED-32")!;
            Assert.Equal(35, customer["trustScore"]!.GetValue<int>());
            Assert.Equal("low", customer["trustLevel"]!.GetValue<string>());
            var reversed = Assert.Single(MessagesTo(state, "CUST-E2E-EMPTY-TRUSTED-32"), m => m["template"]!.GetValue<string>() == "refund-reversed");
            // A customer in mainland China is told in Chinese.
            Assert.Equal("zh-CN", reversed["language"]!.GetValue<string>());
            Assert.Contains("您寄回的包裹到达我们仓库时是空的", reversed["body"]!.GetValue<string>(), StringComparison.Ordinal);
        });

    [Fact]
    public async Task An_order_the_shop_has_not_delivered_cannot_be_returned_the_customer_is_told_why_and_asked_how_we_did() =>
        await server.RunAtAsync(Start, async () =>
        {
            var instance = await StartAsync("E2E-UNDELIVERED-33");

            await Surveys.AnswerAsync(server, instance, new { csat = 2, nps = 3 });
            Assert.True(await Poll.Until(async () => await StateAsync(instance) == "COMPLETED"));
            Assert.Single(await server.SearchAsync("element-instances", new { processInstanceKey = instance, elementId = "refused", state = "COMPLETED" }));
            Assert.Equal("2", Assert.Single(await server.SearchAsync("variables", new { processInstanceKey = instance, scopeKey = instance, name = "csat" }))!["value"]!.GetValue<string>());
            var messages = MessagesTo(await StateOfSimulatorsAsync(), "CUST-E2E-UNDELIVERED-33");
            Assert.Equal(["inspection-result", "satisfaction-survey"], messages.Select(m => m["template"]!.GetValue<string>()));
            var told = messages[0];
            // A Chinese customer (the simulated shop's default): the reason in Chinese, not the policy table's English.
            Assert.Contains("原因：订单尚未送达，到货后即可申请退货。", told["body"]!.GetValue<string>(), StringComparison.Ordinal);
        });

    [Fact]
    public async Task A_return_past_its_window_is_refused_with_the_reason_in_the_customer_s_language() =>
        await server.RunAtAsync(Start, async () =>
        {
            // Delivered 20 days ago, returned without a fault: the statutory 7 days have passed.
            await ApiAssert.NoContent(await server.Client.PutAsJsonAsync("/sim/_sim/orders/DE-E2E-LATE-34", new
            {
                customerId = "CUST-DE-E2E-LATE-34", channel = "web", country = "DE", currency = "EUR", orderValue = 49, paidAmount = 49,
                placedAt = Start.AddDays(-23), deliveredAt = Start.AddDays(-20),
                lines = new[] { new { sku = "SKU-MUG", name = "Mug", category = "kitchen", quantity = 1, unitPrice = 49, paidAmount = 49 } },
            }));
            var instance = await server.StartAsync("return-and-refund", new
            {
                orderId = "DE-E2E-LATE-34", kind = "refund", returnReason = "changed my mind",
                address = new { name = "Jonas Weber", street = "Hauptstraße 1", city = "Berlin", postalCode = "10115", country = "DE" },
            });

            Assert.True(await Poll.Until(async () => (await server.SearchAsync("element-instances", new { processInstanceKey = instance, elementId = "refused", state = "COMPLETED" })).Count > 0));
            var told = Assert.Single(MessagesTo(await StateOfSimulatorsAsync(), "CUST-DE-E2E-LATE-34"), m => m["template"]!.GetValue<string>() == "inspection-result");
            Assert.Equal("de", told["language"]!.GetValue<string>());
            Assert.Contains("Grund: Die Rückgabefrist von 7 Tagen ist abgelaufen.", told["body"]!.GetValue<string>(), StringComparison.Ordinal);
        });

    private async Task<string> StartAsync(string orderId) =>
        await server.StartAsync("return-and-refund", new
        {
            orderId, kind = "refund", returnReason = "arrived broken",
            address = new { name = "Jonas Weber", street = "Hauptstraße 1", city = "Berlin", postalCode = "10115", country = "DE" },
        });

    private async Task<JsonNode> StateOfSimulatorsAsync() => await ApiAssert.OkJson(await server.Client.GetAsync("/sim/_sim/state"));

    private static List<JsonNode> MessagesTo(JsonNode state, string customerId) =>
        [.. state["world"]!["notifications"]!.AsArray().Where(n => n!["customerId"]!.GetValue<string>() == customerId).Select(n => n!)];

    private async Task<List<string>> ActiveAsync(string instance) =>
        [.. (await server.SearchAsync("element-instances", new { processInstanceKey = instance, state = "ACTIVE" })).Select(e => e!["elementId"]!.GetValue<string>())];

    private async Task<string> StateAsync(string instance) =>
        (await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/process-instances/{instance}")))["state"]!.GetValue<string>();
}
