using System.Net;
using System.Text.Json.Nodes;
using Orchestrator.Testing;

namespace Orchestrator.Workflows.Tests.Returns;

/// <summary>
/// return-and-refund: the order and the customer looked up, eligibility by the kind of return and the delivery date, an
/// instant refund within the refund policy or an agent's review, the label to the regional return centre and the parcel
/// tracked at the carrier, the warehouse's receipt and inspection arriving as signed webhooks, then refund (full or
/// partial), rejection or exchange; reminders, auto-close and the instant refund taken back when the customer never ships,
/// sends an empty box or cancels the return; the survey after every outcome told, refusals included.
/// </summary>
public sealed class ReturnAndRefundTests(WorkflowServer server) : IClassFixture<WorkflowServer>
{
    // Monday 7 December 2026, 10:00 in Shanghai.
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 2, 0, 0, TimeSpan.Zero);

    /// <summary>What the shop answers for each order and customer of a test (orders.get and customers.get), by id.</summary>
    private readonly Dictionary<string, object> _orders = [];
    private readonly Dictionary<string, object> _customers = [];

    /// <summary>BPMN errors a connector throws for an order's jobs instead of completing them, by task type.</summary>
    private readonly Dictionary<(string Type, string OrderId), string> _errors = [];

    /// <summary>Every job the stand-in connectors completed: its type, instance and the variables it was asked with.</summary>
    private readonly List<(string Type, string Instance, JsonNode Variables)> _answered = [];

    [Fact]
    public async Task A_VIP_is_refunded_the_amount_paid_at_once_told_so_and_not_refunded_a_second_time_after_the_inspection() =>
        await server.RunAtAsync(Start, async () =>
        {
            var instance = await StartAsync("R-VIP", tier: "VIP", paid: 113.9m);
            Assert.Equal(113.9m, Assert.Single(await RefundedAsync(instance))["amount"]!.GetValue<decimal>());
            var told = await SentAsync(instance, "refund-issued");
            Assert.Equal(113.9m, told["data"]!["amount"]!.GetValue<decimal>());
            Assert.Equal("CNY", told["data"]!["currency"]!.GetValue<string>());

            await ReceiveAndInspectAsync(instance, "R-VIP", "restock");

            Assert.True(await FinishesAsync(instance, "resolved"));
            Assert.Single(Answered("payment.refund", instance));
            Assert.Single(Answered("notify.send", instance), j => j["template"]!.GetValue<string>() == "refund-issued");
        });

    [Fact]
    public async Task The_reason_code_comes_from_the_return_reason_the_review_corrects_it_and_the_survey_answered_by_webhook_sets_csat_and_nps() =>
        await server.RunAtAsync(Start, async () =>
        {
            var instance = await StartAsync("R-VOC", returnReason: "arrived broken");
            Assert.True(await DriveToAsync(instance, "review"));
            Assert.Equal("quality/damaged-on-arrival", await TextAsync(instance, "reasonCode"));

            await ApiAssert.NoContent(await server.PostAsync($"/v2/user-tasks/{(await server.TaskAsync(instance, "review"))["userTaskKey"]}/completion",
                new { variables = new { decision = "approve", reasonCode = "logistics/damaged" } }));
            await ReceiveAndInspectAsync(instance, "R-VOC", "restock");
            Assert.True(await FinishesAsync(instance, "resolved"));
            await Surveys.WaitingAsync(server, instance, () => DriveAsync(instance, () => Task.FromResult(true)));
            var token = await Surveys.TokenAsync(server, instance);
            Assert.Equal(HttpStatusCode.Accepted, (await server.SurveyAnswerAsync(new { token, csat = 4, nps = 10, comment = "Quick and kind" })).StatusCode);

            Assert.True(await FinishesAsync(instance, "completed"));
            Assert.Equal("logistics/damaged", await TextAsync(instance, "reasonCode"));
            Assert.Equal(Start, DateTimeOffset.Parse(await TextAsync(instance, "resolvedAt"), System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal((4, 10), ((await server.VariableAsync(instance, "csat"))!.GetValue<int>(), (await server.VariableAsync(instance, "nps"))!.GetValue<int>()));
            Assert.Equal("Quick and kind", await TextAsync(instance, "surveyComment"));
            // The survey links the case's page, as every message of the case.
            var survey = Assert.Single(Answered("notify.send", await SurveyOfAsync(instance)));
            Assert.Equal(("satisfaction-survey", token), (survey["template"]!.GetValue<string>(), survey["trackingToken"]!.GetValue<string>()));
        });

    [Fact]
    public async Task A_reason_code_passed_at_start_is_kept_and_an_unanswered_survey_closes_the_return_after_seven_days() =>
        await server.RunAtAsync(Start, async () =>
        {
            var instance = await StartAsync("R-VOC-GIVEN", tier: "VIP", extra: new { reasonCode = "product-info/misleading" });
            await RefundedAsync(instance);
            await ReceiveAndInspectAsync(instance, "R-VOC-GIVEN", "restock");
            await Surveys.WaitingAsync(server, instance, () => DriveAsync(instance, () => Task.FromResult(true)));
            await server.PinAsync(Start.AddDays(7).AddMinutes(-1));
            Assert.Equal("ACTIVE", await server.StateAsync(instance));

            await server.PinAsync(Start.AddDays(7).AddMinutes(1));

            Assert.True(await FinishesAsync(instance, "completed"));
            Assert.Equal("product-info/misleading", await TextAsync(instance, "reasonCode"));
            Assert.Null(await server.VariableAsync(instance, "csat"));
            Assert.Null(await server.VariableAsync(instance, "nps"));
        });

    [Fact]
    public async Task A_refused_return_and_a_rejected_one_are_surveyed_too_their_resolution_counting_to_the_refusal() =>
        await server.RunAtAsync(Start, async () =>
        {
            // Arrange: one past its window, one the agent rejects
            var refused = await StartAsync("R-REFUSED-SURVEY", deliveredDaysAgo: 45);
            var rejected = await StartAsync("R-REJECTED-SURVEY");
            Assert.True(await FinishesAsync(refused, "refused"));
            Assert.True(await DriveToAsync(rejected, "review"));
            await ApiAssert.NoContent(await server.PostAsync($"/v2/user-tasks/{(await server.TaskAsync(rejected, "review"))["userTaskKey"]}/completion",
                new { variables = new { decision = "reject", rejectReason = "the seal is broken" } }));
            Assert.True(await FinishesAsync(rejected, "rejected"));

            // Act: a day later both answer the survey
            foreach (var instance in new[] { refused, rejected })
            {
                await Surveys.WaitingAsync(server, instance, () => DriveAsync(instance, () => Task.FromResult(true)));
            }

            await server.PinAsync(Start.AddDays(1));
            Assert.Equal(HttpStatusCode.Accepted, (await server.SurveyAnswerAsync(new { token = await Surveys.TokenAsync(server, refused), csat = 2, nps = 4 })).StatusCode);
            Assert.Equal(HttpStatusCode.Accepted, (await server.SurveyAnswerAsync(new { token = await Surveys.TokenAsync(server, rejected), csat = 3, nps = 6 })).StatusCode);

            // Assert: each told first, then asked, resolved when told
            foreach (var (instance, csat) in new[] { (refused, 2), (rejected, 3) })
            {
                Assert.True(await FinishesAsync(instance, "completed"));
                Assert.Equal(csat, (await server.VariableAsync(instance, "csat"))!.GetValue<int>());
                Assert.Equal(Start, DateTimeOffset.Parse(await TextAsync(instance, "resolvedAt"), System.Globalization.CultureInfo.InvariantCulture));
                Assert.Equal("inspection-result", Assert.Single(Answered("notify.send", instance))["template"]!.GetValue<string>());
                Assert.Equal("satisfaction-survey", Assert.Single(Answered("notify.send", await SurveyOfAsync(instance)))["template"]!.GetValue<string>());
            }

            Assert.Empty(await server.SearchAsync("element-instances", new { processInstanceKey = rejected, elementId = "resolved" }));
        });

    [Fact]
    public async Task The_refund_is_what_the_customer_paid_for_the_returned_lines_not_the_whole_order() =>
        await server.RunAtAsync(Start, async () =>
        {
            // Two blenders paid 200 and a kettle paid 50; one blender comes back.
            _orders["R-LINES"] = Order("R-LINES", paid: 250, lines:
            [
                new { sku = "SKU-BLENDER", name = "Blender", category = "home", quantity = 2, unitPrice = 110, paidAmount = 200 },
                new { sku = "SKU-KETTLE", name = "Kettle", category = "home", quantity = 1, unitPrice = 55, paidAmount = 50 },
            ]);
            var instance = await StartAsync("R-LINES", trust: "trusted", items: [new { sku = "SKU-BLENDER", quantity = 1 }]);

            Assert.Equal(100m, Assert.Single(await RefundedAsync(instance))["amount"]!.GetValue<decimal>());
            Assert.Equal(100m, (await server.VariableAsync(instance, "amount"))!.GetValue<decimal>());
        });

    [Fact]
    public async Task Variables_passed_at_start_win_over_the_looked_up_customer_and_order() =>
        await server.RunAtAsync(Start, async () =>
        {
            // The shop knows a standard English customer; the caller says VIP, German, SMS, and the amount.
            var instance = await StartAsync("R-OVERRIDE", tier: "standard", paid: 300, extra: new { customerTier = "VIP", language = "de", channel = "sms", amount = 250 });

            Assert.Equal(250m, Assert.Single(await RefundedAsync(instance))["amount"]!.GetValue<decimal>());
            var told = await SentAsync(instance, "refund-issued");
            Assert.Equal("de", told["language"]!.GetValue<string>());
            Assert.Equal("sms", told["channel"]!.GetValue<string>());
            Assert.Equal("standard", (await server.VariableAsync(instance, "customer"))!["tier"]!.GetValue<string>());
        });

    [Fact]
    public async Task An_unknown_order_goes_to_an_agent_not_to_an_incident() =>
        await server.RunAtAsync(Start, async () =>
        {
            _errors[("orders.get", "R-UNKNOWN")] = "NOT_FOUND";
            var instance = await StartAsync("R-UNKNOWN");

            Assert.True(await DriveToAsync(instance, "resolveUnknown"));
            var task = await server.TaskAsync(instance, "resolveUnknown");
            Assert.Equal(50, task["priority"]!.GetValue<int>());
            Assert.Empty(await server.SearchAsync("incidents", new { processInstanceKey = instance }));
            await ApiAssert.NoContent(await server.PostAsync($"/v2/user-tasks/{task["userTaskKey"]}/completion", new { }));
            Assert.True(await FinishesAsync(instance, "notFound"));
        });

    [Fact]
    public async Task A_standard_customer_is_reviewed_then_a_disposed_item_is_refunded_by_half_of_what_was_paid() =>
        await server.RunAtAsync(Start, async () =>
        {
            var instance = await StartAsync("R-STD", paid: 119);
            Assert.True(await DriveToAsync(instance, "review"));
            var review = await server.TaskAsync(instance, "review");
            Assert.Equal("2026-12-07T06:00:00.000Z", review["dueDate"]!.GetValue<string>());
            await ApproveAsync(instance);

            await ReceiveAndInspectAsync(instance, "R-STD", "dispose");

            Assert.Equal(59.5m, Assert.Single(await RefundedAsync(instance))["amount"]!.GetValue<decimal>());
            Assert.True(await FinishesAsync(instance, "resolved"));
            Assert.Equal(59.5m, (await SentAsync(instance, "refund-issued"))["data"]!["amount"]!.GetValue<decimal>());
        });

    [Theory]
    [InlineData("R-PRIO-VIP", "VIP", "changed my mind", 90)]
    [InlineData("R-PRIO-QUALITY", "standard", "arrived broken", 60)]
    [InlineData("R-PRIO-NOREASON", "standard", "changed my mind", 40)]
    public async Task The_review_is_prioritised_by_tier_then_by_a_quality_fault(string orderId, string tier, string reason, int priority) =>
        await server.RunAtAsync(Start, async () =>
        {
            var instance = await StartAsync(orderId, tier: tier, kind: "exchange", returnReason: reason);

            Assert.True(await DriveToAsync(instance, "review"));
            Assert.Equal(priority, (await server.TaskAsync(instance, "review"))["priority"]!.GetValue<int>());
        });

    [Fact]
    public async Task A_customer_who_never_ships_is_reminded_and_the_return_closes_after_two_weeks() =>
        await server.RunAtAsync(Start, async () =>
        {
            var instance = await StartAsync("R-NEVER");
            Assert.True(await DriveToAsync(instance, "review"));
            await ApproveAsync(instance);
            Assert.True(await DriveToAsync(instance, "awaitParcel"));

            await server.PinAsync(Start.AddDays(8));
            Assert.True(await DriveToAsync(instance, "awaitParcelAgain"));
            await server.PinAsync(Start.AddDays(16));

            Assert.True(await FinishesAsync(instance, "autoClosed"));
            Assert.Empty(await server.SearchAsync("element-instances", new { processInstanceKey = instance, elementId = "reverseRefund" }));
        });

    [Fact]
    public async Task An_instant_refund_whose_parcel_never_ships_is_taken_back_the_customer_s_trust_lowered_and_the_customer_told() =>
        await server.RunAtAsync(Start, async () =>
        {
            var instance = await StartAsync("R-NOSHIP", trust: "trusted", paid: 80);
            await RefundedAsync(instance);
            Assert.True(await DriveToAsync(instance, "awaitParcel"));

            await server.PinAsync(Start.AddDays(8));
            Assert.True(await DriveToAsync(instance, "awaitParcelAgain"));
            await server.PinAsync(Start.AddDays(15));

            var (reversal, trust) = await ClawBackAsync(instance);
            Assert.Equal("RF-R-NOSHIP", reversal["refundId"]!.GetValue<string>());
            Assert.Equal("the return was never shipped", reversal["reason"]!.GetValue<string>());
            Assert.Equal(30, trust["penalty"]!.GetValue<int>());
            Assert.Equal("refund-clawback", trust["reason"]!.GetValue<string>());
            var told = await SentAsync(instance, "refund-reversed");
            Assert.Equal("never-shipped", told["data"]!["cause"]!.GetValue<string>());
            Assert.Equal(79.9m, told["data"]!["amount"]!.GetValue<decimal>());
            Assert.Equal("CNY", told["data"]!["currency"]!.GetValue<string>());
            Assert.True(await FinishesAsync(instance, "autoClosed"));
        });

    [Fact]
    public async Task A_box_that_arrives_empty_after_an_instant_refund_takes_the_refund_back_and_lowers_trust_more() =>
        await server.RunAtAsync(Start, async () =>
        {
            var instance = await StartAsync("R-EMPTY", trust: "trusted");
            await RefundedAsync(instance);

            await ReceiveAndInspectAsync(instance, "R-EMPTY", "missing");

            var (reversal, trust) = await ClawBackAsync(instance);
            Assert.Equal("the returned parcel arrived empty", reversal["reason"]!.GetValue<string>());
            Assert.Equal(50, trust["penalty"]!.GetValue<int>());
            Assert.Equal("empty", (await SentAsync(instance, "refund-reversed"))["data"]!["cause"]!.GetValue<string>());
            Assert.True(await FinishesAsync(instance, "rejected"));
        });

    [Fact]
    public async Task An_empty_box_not_refunded_yet_is_only_rejected() =>
        await server.RunAtAsync(Start, async () =>
        {
            var instance = await StartAsync("R-EMPTY-REVIEWED");
            Assert.True(await DriveToAsync(instance, "review"));
            await ApproveAsync(instance);

            await ReceiveAndInspectAsync(instance, "R-EMPTY-REVIEWED", "missing");

            Assert.True(await FinishesAsync(instance, "rejected"));
            Assert.Empty(await server.SearchAsync("element-instances", new { processInstanceKey = instance, elementId = "lowerTrust" }));
        });

    [Fact]
    public async Task A_reversal_the_payment_provider_declines_goes_to_an_agent() =>
        await server.RunAtAsync(Start, async () =>
        {
            _errors[("payment.reverseRefund", "R-NOREVERSAL")] = "REVERSAL_DECLINED";
            var instance = await StartAsync("R-NOREVERSAL", tier: "VIP");
            await RefundedAsync(instance);
            await ReceiveAndInspectAsync(instance, "R-NOREVERSAL", "missing");

            Assert.True(await DriveToAsync(instance, "handleReversalDeclined"));
            var task = await server.TaskAsync(instance, "handleReversalDeclined");
            Assert.Equal(85, task["priority"]!.GetValue<int>());
            Assert.Empty(await server.SearchAsync("incidents", new { processInstanceKey = instance }));
            await ApiAssert.NoContent(await server.PostAsync($"/v2/user-tasks/{task["userTaskKey"]}/completion", new { }));
            Assert.True(await FinishesAsync(instance, "rejected"));
            Assert.Empty(await server.SearchAsync("element-instances", new { processInstanceKey = instance, elementId = "tellRefundReversed" }));
        });

    [Fact]
    public async Task An_instant_refund_the_payment_provider_declines_falls_back_to_the_agent_s_review() =>
        await server.RunAtAsync(Start, async () =>
        {
            _errors[("payment.refund", "R-DECLINED")] = "REFUND_DECLINED";
            var instance = await StartAsync("R-DECLINED", tier: "VIP");

            Assert.True(await DriveToAsync(instance, "review"));
            Assert.Single(await server.SearchAsync("element-instances", new { processInstanceKey = instance, elementId = "refundEarlyDeclined" }));
            Assert.Empty(await server.SearchAsync("incidents", new { processInstanceKey = instance }));
            Assert.Empty(await server.SearchAsync("element-instances", new { processInstanceKey = instance, elementId = "tellRefundedEarly" }));
        });

    [Fact]
    public async Task The_label_goes_to_the_return_centre_of_the_customer_s_country_and_the_customer_is_told_where() =>
        await server.RunAtAsync(Start, async () =>
        {
            _customers["CUST-R-DE"] = Customer("CUST-R-DE", "standard", "normal", country: "DE", language: "de");
            _customers["CUST-R-US"] = Customer("CUST-R-US", "standard", "normal", country: "US");
            var german = await StartAsync("R-DE", kind: "exchange");
            var american = await StartAsync("R-US", kind: "exchange");

            Assert.True(await DriveToAsync(german, "review"));
            Assert.True(await DriveToAsync(american, "review"));
            await ApproveAsync(german);
            await ApproveAsync(american);

            Assert.True(await DriveAsync(german, () => Task.FromResult(Answered("carrier.createLabel", german).Count + Answered("carrier.createLabel", american).Count == 2)));
            var toGermany = Assert.Single(Answered("carrier.createLabel", german))["to"]!;
            Assert.Equal("Leipzig", toGermany["city"]!.GetValue<string>());
            Assert.Equal("DE", toGermany["country"]!.GetValue<string>());
            Assert.Equal("Suzhou", Assert.Single(Answered("carrier.createLabel", american))["to"]!["city"]!.GetValue<string>());
            Assert.Equal("return-centre-eu-central", Assert.Single((await server.DecisionAsync(german, "return-centre"))["matchedRules"]!.AsArray())!["ruleId"]!.GetValue<string>());
            var told = await SentAsync(german, "return-label-sent");
            Assert.Equal("de", told["language"]!.GetValue<string>());
            Assert.Equal("Aftersales returns centre Leipzig", told["data"]!["centreName"]!.GetValue<string>());
            Assert.Equal("Am Logistikpark 7, 04435 Leipzig, DE", told["data"]!["centreAddress"]!.GetValue<string>());
        });

    [Fact]
    public async Task The_return_parcel_is_tracked_at_the_carrier_and_a_parcel_the_carrier_has_is_not_taken_for_never_shipped() =>
        await server.RunAtAsync(Start, async () =>
        {
            var instance = await StartAsync("R-TRACKED", trust: "trusted");
            Assert.True(await DriveToAsync(instance, "awaitParcel"));
            Assert.Equal("TRK-1", Assert.Single(Answered("carrier.subscribeTracking", instance))["trackingCode"]!.GetValue<string>());

            // The carrier posts the parcel's delivery to the returns centre on its tracking webhook.
            Assert.Equal(HttpStatusCode.Accepted, (await server.CarrierTrackingAsync(new
            {
                trackingCode = "TRK-1", orderId = "R-TRACKED", customerId = "CUST-SOMEONE-ELSE", status = "Delivered", carrierStatus = "delivered", at = Start.AddDays(1),
            })).StatusCode);
            Assert.True(await server.PassedAsync(instance, "parcelScanned"));
            Assert.Equal("Delivered", (await server.VariableAsync(instance, "returnParcelStatus"))!.GetValue<string>());
            Assert.Equal("CUST-R-TRACKED", (await server.VariableAsync(instance, "customerId"))!.GetValue<string>());
            Assert.Null(await server.VariableAsync(instance, "status"));

            // The warehouse never books it in: the return closes, but the refund stays (the carrier had the parcel).
            await server.PinAsync(Start.AddDays(8));
            Assert.True(await DriveToAsync(instance, "awaitParcelAgain"));
            await server.PinAsync(Start.AddDays(15));
            Assert.True(await FinishesAsync(instance, "autoClosed"));
            Assert.Empty(await server.SearchAsync("element-instances", new { processInstanceKey = instance, elementId = "reverseRefund" }));
        });

    [Fact]
    public async Task The_customer_is_told_when_the_parcel_is_received() =>
        await server.RunAtAsync(Start, async () =>
        {
            var instance = await StartAsync("R-RECEIVED", tier: "VIP");
            Assert.True(await DriveToAsync(instance, "awaitParcel"));

            Assert.Equal(HttpStatusCode.Accepted, (await server.WarehouseEventAsync(new { @event = "received", rmaId = "RMA-R-RECEIVED", orderId = "R-RECEIVED", at = Start.AddDays(2) })).StatusCode);

            var told = await SentAsync(instance, "parcel-received");
            Assert.Equal("REF-R-RECEIVED", told["data"]!["reference"]!.GetValue<string>());
            Assert.Equal("app", told["channel"]!.GetValue<string>());
        });

    [Fact]
    public async Task A_return_after_the_window_or_of_an_excluded_category_is_refused_with_the_reason() =>
        await server.RunAtAsync(Start, async () =>
        {
            var late = await StartAsync("R-LATE", tier: "VIP", deliveredDaysAgo: 45);
            _orders["R-FOOD"] = Order("R-FOOD", category: "food");
            var food = await StartAsync("R-FOOD", tier: "VIP");

            Assert.True(await FinishesAsync(late, "refused"));
            Assert.True(await FinishesAsync(food, "refused"));
            Assert.Equal("the 30-day return window has closed", (await server.VariableAsync(late, "ineligibleReason"))!.GetValue<string>());
            Assert.Equal("the category food cannot be returned", (await server.VariableAsync(food, "ineligibleReason"))!.GetValue<string>());
        });

    [Fact]
    public async Task A_return_without_a_fault_has_the_statutory_7_days_from_delivery_and_a_quality_fault_30() =>
        await server.RunAtAsync(Start, async () =>
        {
            var within = await StartAsync("R-MIND-6", returnReason: "changed my mind", deliveredDaysAgo: 6);
            var after = await StartAsync("R-MIND-8", returnReason: "changed my mind", deliveredDaysAgo: 8);
            var broken = await StartAsync("R-BROKEN-8", returnReason: "arrived broken", deliveredDaysAgo: 8);

            Assert.True(await DriveToAsync(within, "review"));
            Assert.True(await DriveToAsync(broken, "review"));
            Assert.True(await FinishesAsync(after, "refused"));
            Assert.Equal("the 7-day return window for returns without a fault has closed", (await server.VariableAsync(after, "ineligibleReason"))!.GetValue<string>());
            Assert.Equal("no-reason", (await server.VariableAsync(within, "reasonClass"))!.GetValue<string>());
            Assert.Equal("quality", (await server.VariableAsync(broken, "reasonClass"))!.GetValue<string>());
            var window = await server.DecisionAsync(broken, "return-window");
            Assert.Equal("return-window-quality", Assert.Single(window["matchedRules"]!.AsArray())!["ruleId"]!.GetValue<string>());
            var told = await SentAsync(after, "inspection-result");
            Assert.Equal("the 7-day return window for returns without a fault has closed", told["data"]!["reason"]!.GetValue<string>());
        });

    [Fact]
    public async Task An_order_not_delivered_yet_is_not_eligible_and_the_customer_is_told_why() =>
        await server.RunAtAsync(Start, async () =>
        {
            _orders["R-UNDELIVERED"] = Order("R-UNDELIVERED", deliveredDaysAgo: null);
            var instance = await StartAsync("R-UNDELIVERED", tier: "VIP", passDeliveredAt: false);

            Assert.True(await FinishesAsync(instance, "refused"), (await server.SearchAsync("incidents", new { processInstanceKey = instance })).ToJsonString());
            const string Reason = "the order has not been delivered yet; a return can be requested once it has arrived";
            Assert.Equal(Reason, (await server.VariableAsync(instance, "ineligibleReason"))!.GetValue<string>());
            var eligibility = await server.DecisionAsync(instance, "return-eligibility");
            Assert.Equal("return-eligibility-not-delivered", Assert.Single(eligibility["matchedRules"]!.AsArray())!["ruleId"]!.GetValue<string>());
            Assert.Equal(Reason, (await SentAsync(instance, "inspection-result"))["data"]!["reason"]!.GetValue<string>());
            Assert.Empty(await server.SearchAsync("element-instances", new { processInstanceKey = instance, elementId = "createRma" }));
        });

    [Fact]
    public async Task The_delivery_date_comes_from_the_order_when_none_is_passed() =>
        await server.RunAtAsync(Start, async () =>
        {
            _orders["R-FROM-ORDER"] = Order("R-FROM-ORDER", deliveredDaysAgo: 40);
            var instance = await StartAsync("R-FROM-ORDER", passDeliveredAt: false);

            Assert.True(await FinishesAsync(instance, "refused"));
            Assert.Equal("the 30-day return window has closed", (await server.VariableAsync(instance, "ineligibleReason"))!.GetValue<string>());
        });

    [Fact]
    public async Task An_exchange_reserves_and_ships_a_replacement_instead_of_refunding() =>
        await server.RunAtAsync(Start, async () =>
        {
            var instance = await ExchangeReservedAsync("R-SWAP", "RS-1");

            Assert.True(await Poll.Until(async () => (await server.CompleteJobsAsync("warehouse.reship", instance, new { reshipment = new { shipmentId = "S-2" } })).Count > 0));
            Assert.True(await FinishesAsync(instance, "resolved"));
            Assert.Empty(Answered("payment.refund", instance));
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
    public async Task Bug_a_return_cancelled_after_an_instant_refund_takes_the_refund_back_tells_the_customer_and_its_page_shows_it() =>
        await server.RunAtAsync(Start, async () =>
        {
            // Arrange: a trusted customer refunded at once, the label and the pickup booked
            var instance = await StartAsync("R-CANCEL-REFUNDED", trust: "trusted", paid: 80);
            await RefundedAsync(instance);
            Assert.True(await DriveToAsync(instance, "awaitParcel"));
            await server.PinAsync(Start.AddHours(3));

            // Act: the customer withdraws the return
            await server.PostOkAsync("/v2/messages/publication", new { name = "return.cancelled", correlationKey = "R-CANCEL-REFUNDED" });

            // Assert: the bookings undone, the refund taken back (trust untouched: cancelling is no fraud), the customer told why
            Assert.True(await FinishesAsync(instance, "cancelledByCustomer"));
            Assert.Equal("SH-1", Assert.Single(Answered("carrier.voidLabel", instance))["shipmentId"]!.GetValue<string>());
            Assert.Equal("P-1", Assert.Single(Answered("carrier.cancelPickup", instance))["pickupId"]!.GetValue<string>());
            var reversal = Assert.Single(Answered("payment.reverseRefund", instance));
            Assert.Equal(("RF-R-CANCEL-REFUNDED", "the customer cancelled the return"), (reversal["refundId"]!.GetValue<string>(), reversal["reason"]!.GetValue<string>()));
            Assert.Empty(Answered("customers.lowerTrust", instance));
            Assert.Equal(["refund-issued", "return-label-sent", "refund-reversed"], Answered("notify.send", instance).Select(j => j["template"]!.GetValue<string>()));
            var told = await SentAsync(instance, "refund-reversed");
            Assert.Equal("cancelled", told["data"]!["cause"]!.GetValue<string>());
            Assert.Equal((79.9m, "CNY"), (told["data"]!["amount"]!.GetValue<decimal>(), told["data"]!["currency"]!.GetValue<string>()));

            var page = await TrackAsync(instance);
            Assert.Equal(
                ["requested:done", "refund:done", "pickup:done", "refundReversed:done", "cancelled:done"],
                page["steps"]!.AsArray().Select(s => s!["key"]!.GetValue<string>() + ":" + s["state"]!.GetValue<string>()));
            Assert.Equal("Refund reversed", page["steps"]!.AsArray().Single(s => s!["key"]!.GetValue<string>() == "refundReversed")!["label"]!.GetValue<string>());
            Assert.Null(page["refund"]);
        });

    [Fact]
    public async Task A_return_cancelled_before_any_refund_is_undone_and_the_customer_told_it_is_cancelled_as_before() =>
        await server.RunAtAsync(Start, async () =>
        {
            // Arrange: a reviewed return, approved, waiting for the parcel: nothing refunded yet
            var instance = await StartAsync("R-CANCEL-UNPAID");
            Assert.True(await DriveToAsync(instance, "review"));
            await ApproveAsync(instance);
            Assert.True(await DriveToAsync(instance, "awaitParcel"));
            await server.PinAsync(Start.AddHours(3));

            // Act
            await server.PostOkAsync("/v2/messages/publication", new { name = "return.cancelled", correlationKey = "R-CANCEL-UNPAID" });

            // Assert: the label and the pickup undone and the customer told, nothing to take back
            Assert.True(await FinishesAsync(instance, "cancelledByCustomer"));
            Assert.Single(Answered("carrier.voidLabel", instance));
            Assert.Single(Answered("carrier.cancelPickup", instance));
            Assert.Empty(Answered("payment.refund", instance));
            Assert.Empty(Answered("payment.reverseRefund", instance));
            Assert.Empty(await server.SearchAsync("element-instances", new { processInstanceKey = instance, elementId = "reverseCancelledRefund" }));
            Assert.Equal(["return-label-sent", "return-cancelled"], Answered("notify.send", instance).Select(j => j["template"]!.GetValue<string>()));
            Assert.Equal("""{"orderId":"R-CANCEL-UNPAID"}""", (await SentAsync(instance, "return-cancelled"))["data"]!.ToJsonString());
            var page = await TrackAsync(instance);
            Assert.Equal("cancelled", page["steps"]!.AsArray()[^1]!["key"]!.GetValue<string>());
            Assert.DoesNotContain(page["steps"]!.AsArray(), s => s!["key"]!.GetValue<string>() is "refund" or "refundReversed");
        });

    [Fact]
    public async Task Bug_a_cancellation_once_the_carrier_has_the_parcel_is_declined_the_customer_told_and_the_return_goes_on() =>
        await server.RunAtAsync(Start, async () =>
        {
            // Arrange: a trusted customer refunded at once, the parcel already with the carrier (voiding its label fails)
            _errors[("carrier.voidLabel", "R-CANCEL-INTRANSIT")] = "LABEL_IN_USE";
            var instance = await StartAsync("R-CANCEL-INTRANSIT", trust: "trusted", paid: 80);
            await RefundedAsync(instance);
            Assert.True(await DriveToAsync(instance, "awaitParcel"));
            await server.PinAsync(Start.AddHours(3));

            // Act
            await server.PostOkAsync("/v2/messages/publication", new { name = "return.cancelled", correlationKey = "R-CANCEL-INTRANSIT" });

            // Assert: no incident, nothing undone or taken back, the customer told why, the page without a cancellation
            Assert.True(await FinishesAsync(instance, "cancelDeclined"));
            Assert.Empty(await server.SearchAsync("incidents", new { processInstanceKey = instance }));
            Assert.Empty(Answered("carrier.cancelPickup", instance));
            Assert.Empty(Answered("payment.reverseRefund", instance));
            Assert.Empty(await server.SearchAsync("element-instances", new { processInstanceKey = instance, elementId = "returnCancelled" }));
            Assert.Single(await server.SearchAsync("element-instances", new { processInstanceKey = instance, elementId = "awaitParcel", state = "ACTIVE" }));
            var told = await SentAsync(instance, "return-cancel-declined");
            Assert.Equal("""{"orderId":"R-CANCEL-INTRANSIT","trackingCode":"TRK-1"}""", told["data"]!.ToJsonString());
            var page = await TrackAsync(instance);
            Assert.Equal(
                ["requested:done", "refund:done", "cancelDeclined:done", "pickup:current"],
                page["steps"]!.AsArray().Where(s => s!["state"]!.GetValue<string>() != "pending").Select(s => s!["key"]!.GetValue<string>() + ":" + s["state"]!.GetValue<string>()));
            Assert.NotNull(page["refund"]);

            // The parcel arrives: the return ends as any other, refunded once
            await ReceiveAndInspectAsync(instance, "R-CANCEL-INTRANSIT", "restock");
            Assert.True(await FinishesAsync(instance, "resolved"));
            Assert.Single(Answered("payment.refund", instance));
            Assert.Empty(Answered("payment.reverseRefund", instance));
        });

    [Fact]
    public async Task Bug_a_cancellation_whose_refund_was_already_reversed_goes_on_as_reversed_instead_of_an_incident() =>
        await server.RunAtAsync(Start, async () =>
        {
            // Arrange: refunded at once; the payment provider says the refund was taken back before
            _errors[("payment.reverseRefund", "R-CANCEL-REVERSED")] = "ALREADY_REVERSED";
            var instance = await StartAsync("R-CANCEL-REVERSED", trust: "trusted", paid: 80);
            await RefundedAsync(instance);
            Assert.True(await DriveToAsync(instance, "awaitParcel"));
            await server.PinAsync(Start.AddHours(3));

            // Act
            await server.PostOkAsync("/v2/messages/publication", new { name = "return.cancelled", correlationKey = "R-CANCEL-REVERSED" });

            // Assert: cancelled as after a reversal, the customer told the refund is taken back, no incident, no agent
            Assert.True(await FinishesAsync(instance, "cancelledByCustomer"));
            Assert.Empty(await server.SearchAsync("incidents", new { processInstanceKey = instance }));
            Assert.Single(await server.SearchAsync("element-instances", new { processInstanceKey = instance, elementId = "refundReversedBefore", state = "COMPLETED" }));
            Assert.Empty(await server.SearchAsync("element-instances", new { processInstanceKey = instance, elementId = "recoverCancelledRefund" }));
            var told = await SentAsync(instance, "refund-reversed");
            Assert.Equal(("cancelled", 80m, "CNY"), (told["data"]!["cause"]!.GetValue<string>(), told["data"]!["amount"]!.GetValue<decimal>(), told["data"]!["currency"]!.GetValue<string>()));
            Assert.Empty(Answered("customers.lowerTrust", instance));
            var page = await TrackAsync(instance);
            Assert.Contains(page["steps"]!.AsArray(), s => s!["key"]!.GetValue<string>() == "refundReversed" && s["state"]!.GetValue<string>() == "done");
            Assert.Null(page["refund"]);
        });

    [Fact]
    public async Task A_reversal_declined_after_a_cancellation_goes_to_an_agent() =>
        await server.RunAtAsync(Start, async () =>
        {
            _errors[("payment.reverseRefund", "R-CANCEL-NOREVERSAL")] = "REVERSAL_DECLINED";
            var instance = await StartAsync("R-CANCEL-NOREVERSAL", tier: "VIP");
            await RefundedAsync(instance);
            Assert.True(await DriveToAsync(instance, "awaitParcel"));

            await server.PostOkAsync("/v2/messages/publication", new { name = "return.cancelled", correlationKey = "R-CANCEL-NOREVERSAL" });

            Assert.True(await DriveToAsync(instance, "recoverCancelledRefund"));
            var task = await server.TaskAsync(instance, "recoverCancelledRefund");
            Assert.Equal(85, task["priority"]!.GetValue<int>());
            Assert.Equal("returns-agents", Assert.Single(task["candidateGroups"]!.AsArray())!.GetValue<string>());
            Assert.Empty(await server.SearchAsync("incidents", new { processInstanceKey = instance }));
            await ApiAssert.NoContent(await server.PostAsync($"/v2/user-tasks/{task["userTaskKey"]}/completion", new { }));
            Assert.True(await FinishesAsync(instance, "cancelledByCustomer"));
            Assert.DoesNotContain(Answered("notify.send", instance), j => j["template"]!.GetValue<string>() is "refund-reversed" or "return-cancelled");
        });

    [Fact]
    public async Task A_return_cancelled_once_its_outcome_was_told_keeps_its_instant_refund() =>
        await server.RunAtAsync(Start, async () =>
        {
            var instance = await StartAsync("R-CANCEL-LATE", tier: "VIP");
            await RefundedAsync(instance);
            await ReceiveAndInspectAsync(instance, "R-CANCEL-LATE", "restock");
            Assert.True(await FinishesAsync(instance, "resolved"));
            await Surveys.WaitingAsync(server, instance, () => DriveAsync(instance, () => Task.FromResult(true)));

            await server.PostOkAsync("/v2/messages/publication", new { name = "return.cancelled", correlationKey = "R-CANCEL-LATE" });

            Assert.True(await FinishesAsync(instance, "cancelledByCustomer"));
            Assert.Empty(Answered("payment.reverseRefund", instance));
            Assert.Equal("return-cancelled", Answered("notify.send", instance)[^1]["template"]!.GetValue<string>());
        });

    [Fact]
    public async Task A_defective_item_may_come_back_within_90_days_by_the_return_policy() =>
        await server.RunAtAsync(Start, async () =>
        {
            var within = await StartAsync("R-DEFECT-60", returnReason: "defective", deliveredDaysAgo: 60);
            var after = await StartAsync("R-DEFECT-95", returnReason: "defective", deliveredDaysAgo: 95);

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
            var refunded = await StartAsync("R-TWICE", tier: "VIP", extra: new { alreadyRefunded = true });
            _orders["R-GIFT"] = Order("R-GIFT", category: "gift-card");
            var giftCard = await StartAsync("R-GIFT", tier: "VIP");

            Assert.True(await FinishesAsync(refunded, "refused"));
            Assert.True(await FinishesAsync(giftCard, "refused"));
            Assert.Equal("the order was already refunded", (await server.VariableAsync(refunded, "ineligibleReason"))!.GetValue<string>());
            Assert.Equal("the category gift-card cannot be returned", (await server.VariableAsync(giftCard, "ineligibleReason"))!.GetValue<string>());
        });

    [Theory]
    [InlineData("R-TRUSTED-1000", "standard", "trusted", 1000, true, "instant-refund-trusted")]
    [InlineData("R-TRUSTED-1500", "standard", "trusted", 1500, false, "instant-refund-review")]
    [InlineData("R-VIP-5000", "VIP", "normal", 5000, true, "instant-refund-vip")]
    [InlineData("R-VIP-6000", "VIP", "trusted", 6000, false, "instant-refund-review")]
    [InlineData("R-VIP-LOW-50", "VIP", "low", 50, false, "instant-refund-low-trust")]
    [InlineData("R-STANDARD-50", "standard", "normal", 50, false, "instant-refund-review")]
    public async Task The_refund_policy_refunds_at_once_by_tier_and_trust_up_to_its_limit_and_has_an_agent_review_the_rest(
        string orderId, string tier, string trust, int paid, bool instant, string rule) =>
        await server.RunAtAsync(Start, async () =>
        {
            var instance = await StartAsync(orderId, tier, trust, paid: paid);

            Assert.True(await DriveAsync(instance, async () => Answered("payment.refund", instance).Count > 0
                || (await server.SearchAsync("element-instances", new { processInstanceKey = instance, elementId = "review", state = "ACTIVE" })).Count > 0));
            Assert.Equal(instant ? [paid] : [], Answered("payment.refund", instance).Select(r => r["amount"]!.GetValue<int>()));
            var decided = await server.DecisionAsync(instance, "instant-refund");
            Assert.Equal(rule, Assert.Single(decided["matchedRules"]!.AsArray())!["ruleId"]!.GetValue<string>());
            Assert.Equal(instant, (await server.VariableAsync(instance, "instantRefund"))!.GetValue<bool>());
        });

    [Theory]
    [InlineData("R-VND-VIP-4200", "VIP", "normal", 15_000_000, "VND", true, "instant-refund-vip")]
    [InlineData("R-VND-VIP-5600", "VIP", "normal", 20_000_000, "VND", false, "instant-refund-review")]
    [InlineData("R-IDR-TRUSTED-900", "standard", "trusted", 2_000_000, "IDR", true, "instant-refund-trusted")]
    [InlineData("R-EUR-TRUSTED-1155", "standard", "trusted", 150, "EUR", false, "instant-refund-review")]
    [InlineData("R-XXX-VIP", "VIP", "normal", 50, "XXX", false, "instant-refund-review")]
    public async Task The_refund_limits_are_in_cny_whatever_the_currency_the_customer_paid_in(
        string orderId, string tier, string trust, int paid, string currency, bool instant, string rule) =>
        await server.RunAtAsync(Start, async () =>
        {
            _orders.TryAdd(orderId, Order(orderId, paid: paid, currency: currency));
            var instance = await StartAsync(orderId, tier, trust, paid: paid);

            Assert.True(await DriveAsync(instance, async () => Answered("payment.refund", instance).Count > 0
                || (await server.SearchAsync("element-instances", new { processInstanceKey = instance, elementId = "review", state = "ACTIVE" })).Count > 0));
            Assert.Equal(instant ? [paid] : [], Answered("payment.refund", instance).Select(r => r["amount"]!.GetValue<int>()));
            Assert.Equal(instant ? [currency] : [], Answered("payment.refund", instance).Select(r => r["currency"]!.GetValue<string>()));
            var decided = await server.DecisionAsync(instance, "instant-refund");
            Assert.Equal(rule, Assert.Single(decided["matchedRules"]!.AsArray())!["ruleId"]!.GetValue<string>());
        });

    /// <summary>An exchange (a VIP's, still reviewed) up to its reserved replacement: no refund on the way.</summary>
    private async Task<string> ExchangeReservedAsync(string orderId, string reservationId)
    {
        var instance = await StartAsync(orderId, tier: "VIP", kind: "exchange");
        Assert.True(await DriveToAsync(instance, "review"));
        await ApproveAsync(instance);
        await ReceiveAndInspectAsync(instance, orderId, "restock");
        Assert.True(await Poll.Until(async () => (await server.CompleteJobsAsync("warehouse.reserveStock", instance, new { reservation = new { reservationId } })).Count > 0));
        Assert.Empty(Answered("payment.refund", instance));
        return instance;
    }

    private async Task ApproveAsync(string instance) =>
        await ApiAssert.NoContent(await server.PostAsync($"/v2/user-tasks/{(await server.TaskAsync(instance, "review"))["userTaskKey"]}/completion", new { variables = new { decision = "approve" } }));

    /// <summary>
    /// Starts a return with what a storefront passes (the order, what comes back and why, the address); the order and the customer
    /// are what orders.get and customers.get answer (<see cref="Order"/>, <see cref="Customer"/>) unless the test set its own.
    /// </summary>
    private async Task<string> StartAsync(
        string orderId, string tier = "standard", string trust = "normal", string kind = "refund", int deliveredDaysAgo = 5, string returnReason = "arrived broken",
        decimal paid = 120, object[]? items = null, bool passDeliveredAt = true, object? extra = null)
    {
        _orders.TryAdd(orderId, Order(orderId, paid: paid));
        _customers.TryAdd("CUST-" + orderId, Customer("CUST-" + orderId, tier, trust));
        var variables = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(new
        {
            orderId, kind, exchangeSku = "SKU-BLENDER-2", returnReason, items = items ?? [new { sku = "SKU-BLENDER", quantity = 1 }],
            address = new { name = "Li Wei", street = "1 Nanjing Road", city = "Shanghai", postalCode = "200000", country = "CN" },
        }))!.AsObject();
        if (passDeliveredAt)
        {
            variables["deliveredAt"] = Start.AddDays(-deliveredDaysAgo).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        }

        foreach (var (name, value) in JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(extra ?? new { }))!.AsObject())
        {
            variables[name] = value?.DeepClone();
        }

        return await server.StartAsync("return-and-refund", variables);
    }

    /// <summary>An order as orders.get answers it: one blender, delivered <paramref name="deliveredDaysAgo"/> days before the test's start (null: not delivered).</summary>
    private static object Order(string orderId, decimal paid = 120, string category = "home", int? deliveredDaysAgo = 5, object[]? lines = null, string currency = "CNY") => new
    {
        orderId, customerId = "CUST-" + orderId, channel = "web", country = "CN", currency, orderValue = paid, paidAmount = paid,
        placedAt = Start.AddDays(-10),
        deliveredAt = deliveredDaysAgo is { } days ? Start.AddDays(-days) : (DateTimeOffset?)null,
        lines = lines ?? [new { sku = "SKU-BLENDER", name = "Blender", category, quantity = 1, unitPrice = paid, paidAmount = paid }],
    };

    /// <summary>A customer as customers.get answers it.</summary>
    private static object Customer(string customerId, string tier, string trust, string country = "CN", string language = "en") => new
    {
        customerId, name = "Li Wei", tier, trustLevel = trust, trustScore = trust switch { "trusted" => 85, "low" => 30, _ => 55 },
        language, preferredChannel = tier == "VIP" ? "app" : "email", country,
    };

    /// <summary>
    /// Stands in for the connectors: completes their open jobs (or throws the BPMN error a test set for an order), recording
    /// what each was asked, until <paramref name="reached"/> holds.
    /// </summary>
    private async Task<bool> DriveAsync(string instance, Func<Task<bool>> reached) =>
        await Poll.Until(async () =>
        {
            await AnswerAsync("orders.get", job => job["orderId"], job => new { order = _orders.GetValueOrDefault(job["orderId"]!.GetValue<string>()) ?? Order(job["orderId"]!.GetValue<string>()) });
            await AnswerAsync("customers.get", job => job["customerId"], job => new
            {
                customer = _customers.GetValueOrDefault(job["customerId"]!.GetValue<string>()) ?? Customer(job["customerId"]!.GetValue<string>(), "standard", "normal"),
            });
            await AnswerAsync("payment.refund", job => job["orderId"], job => new
            {
                refund = new { refundId = "RF-" + job["orderId"], status = "SUCCEEDED", amount = job["amount"]!.DeepClone(), method = "original" },
            });
            await AnswerAsync("customers.lowerTrust", job => job["orderId"], job => new { trust = new { customerId = job["customerId"]!.DeepClone(), trustLevel = "normal", trustScore = 55 } });
            await AnswerAsync("payment.reverseRefund", job => JsonValue.Create(job["refundId"]!.GetValue<string>()[3..]), job => new
            {
                refundReversal = new { reversalId = "RV-1", refundId = job["refundId"]!.DeepClone(), orderId = "O", amount = 79.9, currency = "CNY", status = "SUCCEEDED" },
            });
            await AnswerAsync("warehouse.createRma", _ => null, job => new { rma = new { rmaId = "RMA-" + job["orderId"], reference = "REF-" + job["orderId"] } });
            await AnswerAsync("carrier.createLabel", _ => null, _ => new { label = new { shipmentId = "SH-1", trackingCode = "TRK-1", labelUrl = "https://labels.example/1.pdf" } });
            await AnswerAsync("carrier.subscribeTracking", _ => null, _ => new { trackingSubscription = new { subscriptionId = "SUB-TRK-1" } });
            await AnswerAsync("carrier.schedulePickup", _ => null, _ => new { pickup = new { pickupId = "P-1", date = "2026-12-08" } });
            await AnswerAsync("carrier.voidLabel", job => job["orderId"], job => new { labelVoid = new { shipmentId = job["shipmentId"]!.DeepClone(), status = "Voided" } });
            await AnswerAsync("carrier.cancelPickup", _ => null, job => new { pickupCancellation = new { pickupId = job["pickupId"]!.DeepClone(), status = "Cancelled" } });
            await AnswerAsync("notify.send", _ => null, _ => new { });
            return await reached();
        });

    /// <summary>Completes every open job of <paramref name="type"/> with <paramref name="result"/>, or throws the error a test set for the job's order.</summary>
    private async Task AnswerAsync(string type, Func<JsonNode, JsonNode?> orderOf, Func<JsonNode, object> result)
    {
        foreach (var job in await server.ActivateAsync(type, 100))
        {
            var variables = job!["variables"]!;
            if (orderOf(variables) is { } orderId && _errors.TryGetValue((type, orderId.GetValue<string>()), out var code))
            {
                await ApiAssert.NoContent(await server.PostAsync($"/v2/jobs/{job["jobKey"]}/error", new { errorCode = code, errorMessage = "as the test says" }));
                continue;
            }

            await ApiAssert.NoContent(await server.PostAsync($"/v2/jobs/{job["jobKey"]}/completion", new { variables = result(variables) }));
            _answered.Add((type, job["processInstanceKey"]!.GetValue<string>(), variables));
        }
    }

    /// <summary>What the instance's jobs of <paramref name="type"/> that were completed so far were asked.</summary>
    private List<JsonNode> Answered(string type, string instance) => [.. _answered.Where(a => a.Type == type && a.Instance == instance).Select(a => a.Variables)];

    private Task<bool> DriveToAsync(string instance, string elementId, string state = "ACTIVE") =>
        DriveAsync(instance, async () => (await server.SearchAsync("element-instances", new { processInstanceKey = instance, elementId, state })).Count > 0);

    /// <summary>The refunds paid for the instance, once there is one.</summary>
    private async Task<List<JsonNode>> RefundedAsync(string instance)
    {
        Assert.True(await DriveAsync(instance, () => Task.FromResult(Answered("payment.refund", instance).Count > 0)), "nothing was refunded");
        return Answered("payment.refund", instance);
    }

    /// <summary>What the customers and payment connectors were asked when the instance took its instant refund back.</summary>
    private async Task<(JsonNode Reversal, JsonNode Trust)> ClawBackAsync(string instance)
    {
        Assert.True(await DriveAsync(instance, () => Task.FromResult(Answered("payment.reverseRefund", instance).Count > 0 && Answered("customers.lowerTrust", instance).Count > 0)),
            "the refund was not taken back");
        return (Assert.Single(Answered("payment.reverseRefund", instance)), Assert.Single(Answered("customers.lowerTrust", instance)));
    }

    /// <summary>The inputs of the instance's notify.send job with <paramref name="template"/>, once it was sent.</summary>
    private async Task<JsonNode> SentAsync(string instance, string template)
    {
        Assert.True(await DriveAsync(instance, () => Task.FromResult(Answered("notify.send", instance).Any(j => j["template"]!.GetValue<string>() == template))),
            $"no '{template}' message was sent");
        return Answered("notify.send", instance).First(j => j["template"]!.GetValue<string>() == template);
    }

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

    /// <summary>The case as its customer's page shows it (<c>GET /api/track/{token}</c>).</summary>
    private async Task<JsonNode> TrackAsync(string instance) =>
        await ApiAssert.OkJson(await server.Client.GetAsync($"/api/track/{await Surveys.TokenAsync(server, instance)}"));

    private async Task<string> TextAsync(string instance, string name) => (await server.VariableAsync(instance, name))!.GetValue<string>();

    private async Task<string> SurveyOfAsync(string instance) =>
        (await server.SearchAsync("process-instances", new { parentProcessInstanceKey = instance })).Single()!["processInstanceKey"]!.GetValue<string>();
}
