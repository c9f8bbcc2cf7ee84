using System.Net;
using System.Text.Json.Nodes;
using Orchestrator.Testing;

namespace Orchestrator.Workflows.Tests.Returns;

/// <summary>
/// return-and-refund: eligibility, instant refund for trusted customers or an agent's review, label and pickup,
/// the warehouse's receipt and inspection arriving as signed webhooks, then refund (full or partial), rejection
/// or exchange; reminders and auto-close when the customer never ships.
/// </summary>
public sealed class ReturnAndRefundTests(WorkflowServer server) : IClassFixture<WorkflowServer>
{
    // Monday 7 December 2026, 10:00 in Shanghai.
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_VIP_is_refunded_before_the_parcel_arrives_and_not_a_second_time_after_the_inspection() =>
        await server.RunAtAsync(Start, async () =>
        {
            var instance = await StartAsync("R-VIP", tier: "VIP");
            var refunds = new List<JsonNode>();
            Assert.True(await DriveAsync(instance, async () => (refunds = await RefundsAsync(instance)).Count > 0));
            Assert.Equal(120, Assert.Single(refunds)["amount"]!.GetValue<int>());

            await ReceiveAndInspectAsync(instance, "R-VIP", "restock");

            Assert.True(await FinishesAsync(instance, "completed"));
            Assert.Empty(await RefundsAsync(instance));
        });

    [Fact]
    public async Task A_standard_customer_is_reviewed_then_a_disposed_item_is_refunded_by_half() =>
        await server.RunAtAsync(Start, async () =>
        {
            var instance = await StartAsync("R-STD", tier: "standard");
            Assert.True(await DriveToAsync(instance, "review"));
            var review = await server.TaskAsync(instance, "review");
            Assert.Equal("2026-12-07T06:00:00.000Z", review["dueDate"]!.GetValue<string>());
            await ApiAssert.NoContent(await server.PostAsync($"/v2/user-tasks/{review["userTaskKey"]}/completion", new { variables = new { decision = "approve" } }));

            await ReceiveAndInspectAsync(instance, "R-STD", "dispose");

            var refunds = new List<JsonNode>();
            Assert.True(await Poll.Until(async () => (refunds = await RefundsAsync(instance)).Count > 0));
            Assert.Equal(60, refunds[0]["amount"]!.GetValue<decimal>());
            Assert.True(await FinishesAsync(instance, "completed"));
        });

    [Fact]
    public async Task A_customer_who_never_ships_is_reminded_and_the_return_closes_after_two_weeks() =>
        await server.RunAtAsync(Start, async () =>
        {
            var instance = await StartAsync("R-NEVER", tier: "standard");
            Assert.True(await DriveToAsync(instance, "review"));
            var review = await server.TaskAsync(instance, "review");
            await ApiAssert.NoContent(await server.PostAsync($"/v2/user-tasks/{review["userTaskKey"]}/completion", new { variables = new { decision = "approve" } }));
            Assert.True(await DriveToAsync(instance, "awaitParcel"));

            await server.PinAsync(Start.AddDays(8));
            Assert.True(await DriveToAsync(instance, "awaitParcelAgain"));
            await server.PinAsync(Start.AddDays(16));

            Assert.True(await FinishesAsync(instance, "autoClosed"));
        });

    [Fact]
    public async Task A_return_after_the_window_or_of_an_excluded_category_is_refused_with_the_reason() =>
        await server.RunAtAsync(Start, async () =>
        {
            var late = await StartAsync("R-LATE", tier: "VIP", deliveredDaysAgo: 45);
            var food = await StartAsync("R-FOOD", tier: "VIP", category: "food");

            Assert.True(await FinishesAsync(late, "refused"));
            Assert.True(await FinishesAsync(food, "refused"));
            var reason = await server.SearchAsync("variables", new { scopeKey = late, name = "ineligibleReason" });
            Assert.Equal("\"the 30-day return window has closed\"", Assert.Single(reason)!["value"]!.GetValue<string>());
        });

    [Fact]
    public async Task A_box_that_arrives_empty_is_rejected() =>
        await server.RunAtAsync(Start, async () =>
        {
            var instance = await StartAsync("R-EMPTY", tier: "trusted");
            await DriveAsync(instance, async () => (await RefundsAsync(instance)).Count > 0);

            await ReceiveAndInspectAsync(instance, "R-EMPTY", "missing");

            Assert.True(await FinishesAsync(instance, "rejected"));
        });

    [Fact]
    public async Task An_exchange_reserves_and_ships_a_replacement_instead_of_refunding() =>
        await server.RunAtAsync(Start, async () =>
        {
            var instance = await ExchangeReservedAsync("R-SWAP", "RS-1");

            Assert.True(await Poll.Until(async () => (await server.CompleteJobsAsync("warehouse.reship", instance, new { reshipment = new { shipmentId = "S-2" } })).Count > 0));
            Assert.True(await FinishesAsync(instance, "completed"));
            Assert.Empty(await RefundsAsync(instance));
        });

    [Fact]
    public async Task A_return_the_customer_cancels_voids_its_label_cancels_its_pickup_and_releases_the_reserved_replacement() =>
        await server.RunAtAsync(Start, async () =>
        {
            // Arrange: an exchange whose replacement is reserved, not yet shipped
            var instance = await ExchangeReservedAsync("R-CANCEL", "RS-7");
            Assert.True(await DriveToAsync(instance, "reship"));

            // Act: the customer withdraws the return
            await server.PostOkAsync("/v2/messages/publication", new { name = "return.cancelled", correlationKey = "R-CANCEL" });

            // Assert: the three undo steps run at once with what the bookings returned, then the customer is told
            var undone = new Dictionary<string, JsonNode>();
            Assert.True(await Poll.Until(async () =>
            {
                foreach (var (type, result) in new (string, object)[]
                {
                    ("carrier.voidLabel", new { labelVoid = new { shipmentId = "SH-1", status = "Voided" } }),
                    ("carrier.cancelPickup", new { pickupCancellation = new { pickupId = "P-1", status = "Cancelled" } }),
                    ("warehouse.releaseStock", new { stockRelease = new { reservationId = "RS-7", status = "Released" } }),
                })
                {
                    foreach (var job in await server.CompleteJobsAsync(type, instance, result))
                    {
                        undone[type] = job;
                    }
                }

                return undone.Count == 3;
            }), "not every booking was undone");
            Assert.Equal("SH-1", undone["carrier.voidLabel"]["shipmentId"]!.GetValue<string>());
            Assert.Equal("P-1", undone["carrier.cancelPickup"]["pickupId"]!.GetValue<string>());
            Assert.Equal("RS-7", undone["warehouse.releaseStock"]["reservationId"]!.GetValue<string>());
            Assert.True(await FinishesAsync(instance, "cancelledByCustomer"));
            Assert.Empty(await server.SearchAsync("element-instances", new { processInstanceKey = instance, elementId = "reship", state = "COMPLETED" }));
        });

    [Fact]
    public async Task A_defective_item_may_come_back_within_90_days_by_the_return_policy() =>
        await server.RunAtAsync(Start, async () =>
        {
            var within = await StartAsync("R-DEFECT-60", tier: "standard", returnReason: "defective", deliveredDaysAgo: 60);
            var after = await StartAsync("R-DEFECT-95", tier: "standard", returnReason: "defective", deliveredDaysAgo: 95);

            Assert.True(await DriveToAsync(within, "review"));
            Assert.True(await FinishesAsync(after, "refused"));
            Assert.Equal("the 90-day return window has closed", (await server.VariableAsync(after, "ineligibleReason"))!.GetValue<string>());
            var window = await server.DecisionAsync(within, "return-window");
            Assert.Equal("return-window-defective", Assert.Single(window["matchedRules"]!.AsArray())!["ruleId"]!.GetValue<string>());
            Assert.Equal(90, JsonNode.Parse(window["result"]!.GetValue<string>())!["windowDays"]!.GetValue<int>());
            var eligibility = await server.DecisionAsync(within, "return-eligibility");
            Assert.Equal("return-eligibility-eligible", Assert.Single(eligibility["matchedRules"]!.AsArray())!["ruleId"]!.GetValue<string>());
        });

    [Fact]
    public async Task An_order_already_refunded_or_a_gift_card_is_refused_with_the_policy_s_reason() =>
        await server.RunAtAsync(Start, async () =>
        {
            var refunded = await StartAsync("R-TWICE", tier: "VIP", alreadyRefunded: true);
            var giftCard = await StartAsync("R-GIFT", tier: "VIP", category: "gift-card");

            Assert.True(await FinishesAsync(refunded, "refused"));
            Assert.True(await FinishesAsync(giftCard, "refused"));
            Assert.Equal("the order was already refunded", (await server.VariableAsync(refunded, "ineligibleReason"))!.GetValue<string>());
            Assert.Equal("the category gift-card cannot be returned", (await server.VariableAsync(giftCard, "ineligibleReason"))!.GetValue<string>());
        });

    [Theory]
    [InlineData("R-TRUSTED-1000", "trusted", 1000, true, "instant-refund-trusted")]
    [InlineData("R-TRUSTED-1500", "trusted", 1500, false, "instant-refund-review")]
    [InlineData("R-VIP-5000", "VIP", 5000, true, "instant-refund-vip")]
    [InlineData("R-VIP-6000", "VIP", 6000, false, "instant-refund-review")]
    [InlineData("R-STANDARD-50", "standard", 50, false, "instant-refund-review")]
    public async Task The_refund_policy_refunds_at_once_by_tier_up_to_its_limit_and_has_an_agent_review_the_rest(
        string orderId, string tier, int amount, bool instant, string rule) =>
        await server.RunAtAsync(Start, async () =>
        {
            var instance = await StartAsync(orderId, tier, amount: amount);

            var refunds = new List<JsonNode>();
            Assert.True(await DriveAsync(instance, async () => (refunds = await RefundsAsync(instance)).Count > 0
                || (await server.SearchAsync("element-instances", new { processInstanceKey = instance, elementId = "review", state = "ACTIVE" })).Count > 0));
            Assert.Equal(instant ? [amount] : [], refunds.Select(r => r["amount"]!.GetValue<int>()));
            var decided = await server.DecisionAsync(instance, "instant-refund");
            Assert.Equal(rule, Assert.Single(decided["matchedRules"]!.AsArray())!["ruleId"]!.GetValue<string>());
            Assert.Equal(instant, (await server.VariableAsync(instance, "instantRefund"))!.GetValue<bool>());
        });

    /// <summary>An exchange (a VIP's, still reviewed) up to its reserved replacement: no refund on the way.</summary>
    private async Task<string> ExchangeReservedAsync(string orderId, string reservationId)
    {
        var instance = await StartAsync(orderId, tier: "VIP", kind: "exchange");
        Assert.True(await DriveToAsync(instance, "review"));
        var review = await server.TaskAsync(instance, "review");
        await ApiAssert.NoContent(await server.PostAsync($"/v2/user-tasks/{review["userTaskKey"]}/completion", new { variables = new { decision = "approve" } }));
        Assert.Empty(await RefundsAsync(instance));
        await ReceiveAndInspectAsync(instance, orderId, "restock");
        Assert.True(await Poll.Until(async () => (await server.CompleteJobsAsync("warehouse.reserveStock", instance, new { reservation = new { reservationId } })).Count > 0));
        return instance;
    }

    private async Task<string> StartAsync(
        string orderId, string tier, string kind = "refund", string category = "kitchen", int deliveredDaysAgo = 5, string returnReason = "arrived broken", int amount = 120,
        bool alreadyRefunded = false) =>
        await server.StartAsync("return-and-refund", new
        {
            orderId, customerId = "CUST-" + orderId, customerTier = tier, kind, category, language = "en", amount, currency = "CNY",
            deliveredAt = Start.AddDays(-deliveredDaysAgo).ToString("O", System.Globalization.CultureInfo.InvariantCulture), exchangeSku = "SKU-BLENDER-2",
            returnReason, alreadyRefunded, items = new[] { new { sku = "SKU-BLENDER", quantity = 1 } },
            address = new { name = "Li Wei", street = "1 Nanjing Road", city = "Shanghai", postalCode = "200000", country = "CN" },
        });

    /// <summary>Stands in for the RMA, label, pickup and notification connectors: completes their open jobs for the instance until <paramref name="reached"/> holds.</summary>
    private async Task<bool> DriveAsync(string instance, Func<Task<bool>> reached) =>
        await Poll.Until(async () =>
        {
            await server.CompleteJobsAsync("warehouse.createRma", instance, job => new { rma = new { rmaId = "RMA-" + job["orderId"], reference = "REF-" + job["orderId"] } });
            await server.CompleteJobsAsync("carrier.createLabel", instance, new { label = new { shipmentId = "SH-1", trackingCode = "TRK-1", labelUrl = "https://labels.example/1.pdf" } });
            await server.CompleteJobsAsync("carrier.schedulePickup", instance, new { pickup = new { pickupId = "P-1" } });
            await server.CompleteJobsAsync("notify.send", instance);
            return await reached();
        });

    private Task<bool> DriveToAsync(string instance, string elementId, string state = "ACTIVE") =>
        DriveAsync(instance, async () => (await server.SearchAsync("element-instances", new { processInstanceKey = instance, elementId, state })).Count > 0);

    private async Task<List<JsonNode>> RefundsAsync(string instance) =>
        await server.CompleteJobsAsync("payment.refund", instance, job => new { refund = new { refundId = "RF-" + job["orderId"], status = "SUCCEEDED", amount = job["amount"] } });

    private async Task ReceiveAndInspectAsync(string instance, string orderId, string disposition)
    {
        var rmaId = "RMA-" + orderId;
        Assert.True(await DriveToAsync(instance, "awaitParcel"), "the return never waited for the parcel");
        Assert.Equal(HttpStatusCode.Accepted, (await server.WarehouseEventAsync(new { @event = "received", rmaId, orderId, at = Start.AddDays(2) })).StatusCode);
        Assert.True(await DriveToAsync(instance, "inspected"), "the receipt webhook did not move the return on");
        Assert.Equal(HttpStatusCode.Accepted, (await server.WarehouseEventAsync(new { @event = "inspected", rmaId, orderId, disposition, at = Start.AddDays(2) })).StatusCode);
        Assert.True(await DriveToAsync(instance, "inspected", "COMPLETED"), "the inspection webhook did not move the return on");
    }

    private Task<bool> FinishesAsync(string instance, string endEvent) => DriveToAsync(instance, endEvent, "COMPLETED");
}
