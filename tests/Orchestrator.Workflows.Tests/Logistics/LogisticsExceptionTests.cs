using System.Net;
using System.Text.Json.Nodes;
using Orchestrator.Testing;

namespace Orchestrator.Workflows.Tests.Logistics;

/// <summary>
/// logistics-exception: started by the carrier's signed tracking webhook for exception statuses only; the order and the
/// customer looked up; the customer told first and at every change; a claim for the goods' value, the agent's decision
/// (prioritised by tier and urgency), reship, refund of what was paid, or wait until delivered.
/// </summary>
public sealed class LogisticsExceptionTests(WorkflowServer server) : IClassFixture<WorkflowServer>
{
    // Tuesday 8 December 2026, 11:00 in Shanghai.
    private static readonly DateTimeOffset Start = new(2026, 12, 8, 3, 0, 0, TimeSpan.Zero);

    private readonly List<JsonNode> _sent = [];

    [Theory]
    [InlineData("TRK-VOC-1", true)]
    [InlineData("TRK-VOC-2", false)]
    public async Task The_reason_code_comes_from_the_parcel_status_the_agent_corrects_it_and_the_survey_is_answered_or_expires_after_seven_days(string trackingCode, bool answered) =>
        await server.RunAtAsync(Start, async () =>
        {
            // Arrange
            var instance = await ExceptionAsync(trackingCode, "L-" + trackingCode, "Damaged", "damaged");
            await LookUpAsync(instance, "standard");
            await CompleteAsync(instance, "carrier.fileClaim", new { claim = new { claimId = "CL-" + trackingCode, status = "APPROVED", amount = 150m } });
            var derived = (await server.VariableAsync(instance, "reasonCode"))!.GetValue<string>();

            // Act: the agent sees the goods were broken before they left, the customer is refunded and told.
            await DecideAsync(instance, new { action = "refund", reasonCode = "quality/damaged-on-arrival" });
            await CompleteAsync(instance, "payment.refund", new { refund = new { refundId = "RF-" + trackingCode, status = "SUCCEEDED", amount = 135m, method = "original" } });
            await Surveys.WaitingAsync(server, instance, () => DriveAsync(instance, () => Task.FromResult(true)));
            if (answered)
            {
                await Surveys.AnswerAsync(server, instance, new { nps = 3, surveyComment = "Slow" });
            }
            else
            {
                await server.PinAsync(Start.AddDays(7).AddMinutes(1));
            }

            // Assert
            Assert.True(await DriveToAsync(instance, "compensated"));
            Assert.Equal("logistics/damaged", derived);
            Assert.Equal("quality/damaged-on-arrival", (await server.VariableAsync(instance, "reasonCode"))!.GetValue<string>());
            Assert.Equal(answered ? 3 : null, (await server.VariableAsync(instance, "nps"))?.GetValue<int>());
            Assert.Null(await server.VariableAsync(instance, "csat"));
            Assert.Equal(Start, DateTimeOffset.Parse((await server.VariableAsync(instance, "resolvedAt"))!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        });

    [Fact]
    public async Task A_lost_parcel_is_claimed_at_the_goods_value_and_the_customer_refunded_what_they_paid_in_their_language_and_channel() =>
        await server.RunAtAsync(Start, async () =>
        {
            // Arrange
            var instance = await ExceptionAsync("TRK-LOST-1", "L-1", "Lost", "failure");

            // Act
            var lookup = await LookUpAsync(instance, "standard");
            var claim = await CompleteAsync(instance, "carrier.fileClaim", new { claim = new { claimId = "CL-1", status = "APPROVED", amount = 150m } });
            await DecideAsync(instance, new { action = "refund" });
            var refund = await CompleteAsync(instance, "payment.refund", new { refund = new { refundId = "RF-L1", status = "SUCCEEDED", amount = 135m, method = "original" } });
            Assert.True(await DriveToAsync(instance, "resolved"));

            // Assert: the order's customer, the goods' value claimed, what was paid refunded, all in the order's currency.
            Assert.Equal("C-L-1", lookup["customerId"]!.GetValue<string>());
            Assert.Equal(("lost", 150m, "EUR"), (claim["reason"]!.GetValue<string>(), claim["amount"]!.GetValue<decimal>(), claim["currency"]!.GetValue<string>()));
            Assert.Equal(("C-L-1", 135m, "EUR", "original"),
                (refund["customerId"]!.GetValue<string>(), refund["amount"]!.GetValue<decimal>(), refund["currency"]!.GetValue<string>(), refund["method"]!.GetValue<string>()));
            Assert.Equal(["delivery-exception", "delivery-claim-filed", "refund-issued"], Templates());
            Assert.All(_sent, m => Assert.Equal(("C-L-1", "de", "app"),
                (m["customerId"]!.GetValue<string>(), m["language"]!.GetValue<string>(), m["channel"]!.GetValue<string>())));
            Assert.Equal("CL-1", Sent("delivery-claim-filed")["data"]!["claimId"]!.GetValue<string>());
            Assert.Equal((135m, "EUR"), (Sent("refund-issued")["data"]!["amount"]!.GetValue<decimal>(), Sent("refund-issued")["data"]!["currency"]!.GetValue<string>()));
            Assert.Equal("DE", (await server.VariableAsync(instance, "country"))!.GetValue<string>());
        });

    [Fact]
    public async Task A_customer_id_in_the_carriers_webhook_overrides_the_orders() =>
        await server.RunAtAsync(Start, async () =>
        {
            // Arrange
            var instance = await ExceptionAsync(new { trackingCode = "TRK-WHO-1", orderId = "L-2", status = "Delayed", carrierStatus = "in_transit", at = Start, customerId = "C-FROM-CARRIER" });

            // Act
            var lookup = await LookUpAsync(instance, "standard");
            await DecideAsync(instance, new { action = "wait" });

            // Assert
            Assert.Equal("C-FROM-CARRIER", lookup["customerId"]!.GetValue<string>());
            Assert.Equal("C-FROM-CARRIER", Sent("delivery-exception")["customerId"]!.GetValue<string>());
        });

    [Fact]
    public async Task An_unknown_order_goes_to_a_logistics_agent_instead_of_an_incident() =>
        await server.RunAtAsync(Start, async () =>
        {
            // Arrange
            var instance = await ExceptionAsync("TRK-UNKNOWN-1", "L-UNKNOWN", "Lost", "failure");

            // Act
            await ErrorAsync(instance, "orders.get", "NOT_FOUND");
            var task = await server.TaskAsync(instance, "checkUnknownOrder");
            await ApiAssert.NoContent(await server.PostAsync($"/v2/user-tasks/{task["userTaskKey"]}/completion", new { variables = new { note = "a parcel of another shop" } }));

            // Assert: a lost parcel of nobody we know still ranks as a lost parcel; nobody is messaged, nothing is an incident.
            Assert.Equal(70, task["priority"]!.GetValue<int>());
            Assert.Equal("logistics-agents", task["candidateGroups"]![0]!.GetValue<string>());
            Assert.True(await DriveToAsync(instance, "unknownOrderChecked"));
            Assert.Empty(_sent);
            Assert.Empty(await server.SearchAsync("incidents", new { processInstanceKey = instance }));
        });

    [Fact]
    public async Task A_declined_refund_is_told_to_the_customer_at_once_with_the_amount_and_goes_back_to_the_agent() =>
        await server.RunAtAsync(Start, async () =>
        {
            // Arrange
            var instance = await ExceptionAsync("TRK-DECLINED-1", "L-4", "Delayed", "in_transit");
            await LookUpAsync(instance, "standard");
            await DecideAsync(instance, new { action = "refund" });

            // Act
            await ErrorAsync(instance, "payment.refund", "REFUND_DECLINED");
            Assert.True(await DriveAsync(instance, async () => _sent.Any(m => m["template"]!.GetValue<string>() == "delivery-refund-declined")));
            await DecideAsync(instance, new { action = "refund", refundMethod = "store_credit" });
            var refund = await CompleteAsync(instance, "payment.refund", new { refund = new { refundId = "RF-L4", status = "SUCCEEDED", amount = 135m, method = "store_credit" } });

            // Assert
            Assert.Equal((135m, "EUR"), (Sent("delivery-refund-declined")["data"]!["amount"]!.GetValue<decimal>(), Sent("delivery-refund-declined")["data"]!["currency"]!.GetValue<string>()));
            Assert.Equal((135m, "store_credit"), (refund["amount"]!.GetValue<decimal>(), refund["method"]!.GetValue<string>()));
            Assert.True(await DriveToAsync(instance, "resolved"));
            Assert.Equal(["delivery-exception", "delivery-refund-declined", "refund-issued"], Templates());
            Assert.Empty(await server.SearchAsync("incidents", new { processInstanceKey = instance }));
        });

    [Fact]
    public async Task A_reship_after_a_denied_claim_sends_every_line_of_the_order_and_tells_the_customer_the_new_tracking_codes() =>
        await server.RunAtAsync(Start, async () =>
        {
            // Arrange
            var instance = await ExceptionAsync("TRK-DMG-1", "L-5", "Damaged", "failure");
            await LookUpAsync(instance, "standard");
            await ErrorAsync(instance, "carrier.fileClaim", "CLAIM_DENIED");

            // Act
            await DecideAsync(instance, new { action = "reship" });
            var first = await CompleteAsync(instance, "warehouse.reship", new { reshipment = new { shipmentId = "SH-1", trackingCode = "TRK-NEW-1" } });
            var second = await CompleteAsync(instance, "warehouse.reship", new { reshipment = new { shipmentId = "SH-2", trackingCode = "TRK-NEW-2" } });

            // Assert
            Assert.Equal(("SKU-KETTLE", 1), (first["sku"]!.GetValue<string>(), first["quantity"]!.GetValue<int>()));
            Assert.Equal(("SKU-BLENDER", 2), (second["sku"]!.GetValue<string>(), second["quantity"]!.GetValue<int>()));
            Assert.True(await DriveToAsync(instance, "resolved"));
            Assert.Equal(["delivery-exception", "delivery-reshipped"], Templates());
            Assert.Equal("TRK-NEW-1, TRK-NEW-2", Sent("delivery-reshipped")["data"]!["trackingCode"]!.GetValue<string>());
        });

    [Fact]
    public async Task A_line_out_of_stock_refunds_what_was_not_reshipped() =>
        await server.RunAtAsync(Start, async () =>
        {
            // Arrange
            var instance = await ExceptionAsync("TRK-STOCK-1", "L-6", "Delayed", "in_transit");
            await LookUpAsync(instance, "standard");
            await DecideAsync(instance, new { action = "reship" });

            // Act
            await CompleteAsync(instance, "warehouse.reship", new { reshipment = new { shipmentId = "SH-3", trackingCode = "TRK-NEW-3" } });
            await ErrorAsync(instance, "warehouse.reship", "OUT_OF_STOCK");
            var refund = await CompleteAsync(instance, "payment.refund", new { refund = new { refundId = "RF-L6", status = "SUCCEEDED", amount = 99m, method = "original" } });

            // Assert: the kettle (36 paid) is on its way again; the blender's 99 comes back.
            Assert.Equal(99m, refund["amount"]!.GetValue<decimal>());
            Assert.True(await DriveToAsync(instance, "resolved"));
            Assert.Equal(99m, Sent("refund-issued")["data"]!["amount"]!.GetValue<decimal>());
        });

    [Fact]
    public async Task A_delayed_parcel_the_agent_waits_for_is_told_delivered_and_closes_without_taking_the_updates_customer() =>
        await server.RunAtAsync(Start, async () =>
        {
            // Arrange
            var instance = await ExceptionAsync("TRK-LATE-1", "L-7", "Delayed", "in_transit");
            await LookUpAsync(instance, "standard");
            await DecideAsync(instance, new { action = "wait" });
            Assert.True(await DriveToAsync(instance, "awaitNews"));

            // Act
            Assert.Equal(HttpStatusCode.Accepted, (await server.CarrierTrackingAsync(
                new { trackingCode = "TRK-LATE-1", orderId = "L-7", status = "Delivered", carrierStatus = "delivered", at = Start, customerId = "C-NEIGHBOUR" })).StatusCode);

            // Assert
            Assert.True(await DriveToAsync(instance, "deliveredResolved"));
            Assert.Equal(["delivery-exception", "delivery-delivered"], Templates());
            Assert.Equal("C-L-7", Sent("delivery-delivered")["customerId"]!.GetValue<string>());
            Assert.Equal("Delivered", (await server.VariableAsync(instance, "status"))!.GetValue<string>());
        });

    [Theory]
    [InlineData("VIP", "Lost", 95, "vip-lost")]
    [InlineData("VIP", "Delayed", 85, "vip")]
    [InlineData("standard", "Damaged", 70, "lost")]
    [InlineData("standard", "FailedAttempt", 55, "stuck")]
    [InlineData("standard", "Delayed", 40, "late")]
    public async Task The_agents_task_is_prioritised_VIP_first_then_lost_or_damaged_before_delays(string tier, string status, int priority, string rule) =>
        await server.RunAtAsync(Start, async () =>
        {
            // Arrange
            var instance = await ExceptionAsync($"TRK-PRIO-{tier}-{status}", $"L-PRIO-{tier}-{status}", status, "failure");

            // Act
            await LookUpAsync(instance, tier);
            if (status is "Lost" or "Damaged")
            {
                await CompleteAsync(instance, "carrier.fileClaim", new { claim = new { claimId = "CL-P", status = "APPROVED", amount = 150m } });
            }

            var task = await OpenTaskAsync(instance, "decide");

            // Assert
            Assert.Equal(priority, task["priority"]!.GetValue<int>());
            var decision = await server.DecisionAsync(instance, "logistics-priority");
            Assert.Equal("logistics-priority-" + rule, Assert.Single(decision["matchedRules"]!.AsArray())!["ruleId"]!.GetValue<string>());
        });

    [Fact]
    public async Task A_parcel_reported_lost_while_the_agent_waits_comes_back_to_the_agent_with_a_higher_priority() =>
        await server.RunAtAsync(Start, async () =>
        {
            // Arrange
            var instance = await ExceptionAsync("TRK-WORSE-1", "L-9", "Delayed", "in_transit");
            await LookUpAsync(instance, "standard");
            await DecideAsync(instance, new { action = "wait" });
            Assert.True(await DriveToAsync(instance, "awaitNews"));

            // Act
            Assert.Equal(HttpStatusCode.Accepted, (await server.CarrierTrackingAsync(Update("TRK-WORSE-1", "L-9", "Lost", "failure"))).StatusCode);

            // Assert
            JsonNode? task = null;
            Assert.True(await Poll.Until(async () => (task = (await server.SearchAsync("user-tasks", new { processInstanceKey = instance, elementId = "decide", state = "CREATED" })).FirstOrDefault()) is not null));
            Assert.Equal(70, task!["priority"]!.GetValue<int>());
        });

    [Fact]
    public async Task The_customers_tracking_page_shows_the_claim_in_their_language_and_the_refund_they_got() =>
        await server.RunAtAsync(Start, async () =>
        {
            // Arrange
            var instance = await ExceptionAsync("TRK-PAGE-1", "L-10", "Damaged", "failure");
            await LookUpAsync(instance, "standard");
            await CompleteAsync(instance, "carrier.fileClaim", new { claim = new { claimId = "CL-10", status = "APPROVED", amount = 150m } });
            await OpenTaskAsync(instance, "decide");
            var token = (await server.VariableAsync(instance, "trackingToken"))!.GetValue<string>();

            // Act
            var during = await ApiAssert.OkJson(await server.Client.GetAsync($"/api/track/{token}"));
            await DecideAsync(instance, new { action = "refund" });
            await CompleteAsync(instance, "payment.refund", new { refund = new { refundId = "RF-L10", status = "SUCCEEDED", amount = 135m, method = "original" } });
            Assert.True(await DriveToAsync(instance, "resolved"));
            var after = await ApiAssert.OkJson(await server.Client.GetAsync($"/api/track/{token}"));

            // Assert
            Assert.Equal("de", during["language"]!.GetValue<string>());
            Assert.Equal(
                ["reported:done:Lieferproblem festgestellt", "claim:done:Schaden beim Paketdienst gemeldet", "investigation:current:Wir kümmern uns darum"],
                Steps(during).Where(s => !s.Contains(":pending:", StringComparison.Ordinal)).ToList());
            Assert.DoesNotContain(Steps(during), s => s.StartsWith("refundDelayed", StringComparison.Ordinal));
            // Every step passed at the same pinned instant: their order among themselves is not the point here.
            Assert.Equal(["claim:done", "investigation:done", "refunded:done", "reported:done", "resolved:done"],
                after["steps"]!.AsArray().Select(s => $"{s!["key"]}:{s["state"]}").Order(StringComparer.Ordinal));
            Assert.Equal((135m, "EUR"), (after["refund"]!["amount"]!.GetValue<decimal>(), after["refund"]!["currency"]!.GetValue<string>()));
        });

    [Theory]
    [InlineData("InTransit", "in_transit")]
    [InlineData("Delivered", "delivered")]
    public async Task Routine_tracking_updates_and_deliveries_nobody_waits_for_start_nothing(string status, string carrierStatus)
    {
        var trackingCode = "TRK-FINE-" + status;
        var response = await server.CarrierTrackingAsync(Update(trackingCode, "L-4", status, carrierStatus));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await Task.Delay(300);
        Assert.Empty(await server.SearchAsync("variables", new { name = "trackingCode", value = $"\"{trackingCode}\"" }));
    }

    private static IEnumerable<string> Steps(JsonNode page) =>
        page["steps"]!.AsArray().Select(s => $"{s!["key"]}:{s["state"]}:{s["label"]}");

    private Task<string> ExceptionAsync(string trackingCode, string orderId, string status, string carrierStatus) =>
        ExceptionAsync(Update(trackingCode, orderId, status, carrierStatus));

    private async Task<string> ExceptionAsync(object update)
    {
        var trackingCode = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(update))!["trackingCode"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Accepted, (await server.CarrierTrackingAsync(update)).StatusCode);
        JsonNode? variable = null;
        Assert.True(await Poll.Until(async () =>
            (variable = (await server.SearchAsync("variables", new { name = "trackingCode", value = $"\"{trackingCode}\"" })).FirstOrDefault()) is not null));
        return variable!["processInstanceKey"]!.GetValue<string>();
    }

    private static object Update(string trackingCode, string orderId, string status, string carrierStatus) =>
        new { trackingCode, orderId, status, carrierStatus, at = Start };

    /// <summary>
    /// Answers the order and customer look-ups as the shop does: a German customer <c>C-{orderId}</c> of the given tier who
    /// prefers the app; the order is worth 150 EUR, 135 paid (a kettle, 36 paid, and two blenders, 99). Returns the
    /// customer look-up's job variables.
    /// </summary>
    private async Task<JsonNode> LookUpAsync(string instance, string tier)
    {
        await CompleteAsync(instance, "orders.get", job =>
        {
            var orderId = job["orderId"]!.GetValue<string>();
            return new
            {
                order = new
                {
                    orderId, customerId = "C-" + orderId, channel = "app", country = "DE", currency = "EUR", orderValue = 150m, paidAmount = 135m,
                    placedAt = Start.AddDays(-5), deliveredAt = (DateTimeOffset?)null,
                    lines = new[]
                    {
                        new { sku = "SKU-KETTLE", name = "Electric kettle", category = "home", quantity = 1, unitPrice = 40m, paidAmount = 36m },
                        new { sku = "SKU-BLENDER", name = "Blender", category = "home", quantity = 2, unitPrice = 55m, paidAmount = 99m },
                    },
                },
            };
        });
        return await CompleteAsync(instance, "customers.get", job => new
        {
            customer = new
            {
                customerId = job["customerId"]!.GetValue<string>(), name = "Anna Schmidt", tier, trustLevel = "normal", trustScore = 55,
                language = "de", preferredChannel = "app", country = "DE",
            },
        });
    }

    /// <summary>Completes the instance's job of <paramref name="type"/> once it is there (sending its messages meanwhile); returns its variables.</summary>
    private Task<JsonNode> CompleteAsync(string instance, string type, object result) => CompleteAsync(instance, type, _ => result);

    private async Task<JsonNode> CompleteAsync(string instance, string type, Func<JsonNode, object> result)
    {
        List<JsonNode> done = [];
        Assert.True(await DriveAsync(instance, async () => (done = await server.CompleteJobsAsync(type, instance, result)).Count > 0), $"no {type} job");
        return done[0];
    }

    /// <summary>Fails the instance's job of <paramref name="type"/> with a BPMN error, once it is there.</summary>
    private async Task ErrorAsync(string instance, string type, string errorCode)
    {
        JsonNode? job = null;
        Assert.True(await DriveAsync(instance, async () => (job = (await server.ActivateAsync(type)).FirstOrDefault(j => j!["processInstanceKey"]!.GetValue<string>() == instance)) is not null), $"no {type} job");
        await ApiAssert.NoContent(await server.PostAsync($"/v2/jobs/{job!["jobKey"]}/error", new { errorCode, errorMessage = "as the test says" }));
    }

    private async Task DecideAsync(string instance, object variables)
    {
        var task = await OpenTaskAsync(instance, "decide");
        await ApiAssert.NoContent(await server.PostAsync($"/v2/user-tasks/{task["userTaskKey"]}/completion", new { variables }));
    }

    /// <summary>The instance's open user task at <paramref name="elementId"/>, once it is there (sending its messages meanwhile).</summary>
    private async Task<JsonNode> OpenTaskAsync(string instance, string elementId)
    {
        JsonNode? task = null;
        Assert.True(await DriveAsync(instance, async () =>
            (task = (await server.SearchAsync("user-tasks", new { processInstanceKey = instance, elementId, state = "CREATED" })).FirstOrDefault()) is not null), $"no open task {elementId}");
        return task!;
    }

    /// <summary>Sends the instance's messages (recording them) until <paramref name="reached"/>.</summary>
    private Task<bool> DriveAsync(string instance, Func<Task<bool>> reached) =>
        Poll.Until(async () =>
        {
            _sent.AddRange(await server.CompleteJobsAsync("notify.send", instance));
            return await reached();
        });

    private Task<bool> DriveToAsync(string instance, string elementId) =>
        DriveAsync(instance, async () => (await server.SearchAsync("element-instances", new { processInstanceKey = instance, elementId })).Count > 0);

    private List<string> Templates() => [.. _sent.Select(m => m["template"]!.GetValue<string>())];

    private JsonNode Sent(string template) => _sent.Last(m => m["template"]!.GetValue<string>() == template);
}
