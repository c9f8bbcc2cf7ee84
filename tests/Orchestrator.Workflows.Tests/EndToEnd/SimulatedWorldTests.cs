using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orchestrator.Testing;

namespace Orchestrator.Workflows.Tests.EndToEnd;

/// <summary>
/// The workflows against the simulators over HTTP with the real connectors: the simulated carrier moves the parcel
/// as the clock moves, the warehouse receives and inspects it and says so by signed webhook, the payment provider
/// refunds, the notification service records every message.
/// </summary>
public sealed class SimulatedWorldTests(SimulatedWorldServer server) : IClassFixture<SimulatedWorldServer>
{
    // Thursday 10 December 2026, 10:00 in Shanghai.
    private static readonly DateTimeOffset Start = new(2026, 12, 10, 2, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("E2E-1001", "VIP")]
    [InlineData("E2E-1005", "standard")]
    public async Task A_return_runs_through_the_simulated_carrier_warehouse_and_payment_provider(string orderId, string tier)
    {
        await server.RunAtAsync(Start, async () =>
        {
            var instance = await StartReturnAsync(orderId, tier);
            if (tier == "standard")
            {
                // As README's walkthrough: the agent approves the return through its task.
                Assert.Equal("return-review", (await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/user-tasks/{(await OpenTaskAsync(instance))["userTaskKey"]}/form")))["formId"]!.GetValue<string>());
                await CompleteTaskAsync(instance, new { decision = "approve" });
            }

            Assert.True(await Poll.Until(async () => (await ActiveAsync(instance)).Contains("awaitParcel")), "the return did not get its label and pickup");

            await server.PinAsync(Start.AddHours(25));
            Assert.True(await Poll.Until(async () => (await ActiveAsync(instance)).Contains("inspected")), "the parcel's delivery did not reach the warehouse");
            await server.PinAsync(Start.AddHours(28));

            await Surveys.AnswerAsync(server, instance, new { csat = 4, nps = 8 });
            Assert.True(await Poll.Until(async () => await StateAsync(instance) == "COMPLETED"), "the inspection did not finish the return");
            var world = await server.WorldAsync();
            Assert.Single(world["refunds"]!.AsArray(), r => r!["orderId"]!.GetValue<string>() == orderId);
            var templates = world["notifications"]!.AsArray().Where(n => n!["customerId"]!.GetValue<string>() == "CUST-" + orderId).Select(n => n!["template"]!.GetValue<string>()).ToList();
            // A VIP is refunded at once and told so; a reviewed return is refunded after the inspection.
            Assert.Equal(tier == "VIP" ? ["refund-issued", "return-label-sent", "parcel-received", "satisfaction-survey"] : ["return-label-sent", "parcel-received", "refund-issued", "satisfaction-survey"], templates);
            Assert.Contains(world["rmas"]!.AsArray(), r => r!["orderId"]!.GetValue<string>() == orderId && r["disposition"]!.GetValue<string>() == "restock");
        });
    }

    [Theory]
    [InlineData("E2E-1006-BROKEN", "standard", "resolved", 99.5)]
    [InlineData("E2E-1007-EMPTY", "standard", "rejected", null)]
    [InlineData("E2E-1008-EMPTY-TRUSTED", "standard", "rejected", 199.0)]
    public async Task The_warehouse_inspection_decides_a_half_refund_or_a_rejection(string orderId, string tier, string end, double? refunded)
    {
        await server.RunAtAsync(Start, async () =>
        {
            var instance = await StartReturnAsync(orderId, tier);
            if (!orderId.Contains("TRUSTED", StringComparison.Ordinal))
            {
                JsonNode? task = null;
                Assert.True(await Poll.Until(async () => (task = (await server.SearchAsync("user-tasks", new { processInstanceKey = instance, state = "CREATED" })).FirstOrDefault()) is not null));
                await ApiAssert.NoContent(await server.PostAsync($"/v2/user-tasks/{task!["userTaskKey"]}/completion", new { variables = new { decision = "approve" } }));
            }

            Assert.True(await Poll.Until(async () => (await ActiveAsync(instance)).Contains("awaitParcel")));
            await server.PinAsync(Start.AddHours(25));
            Assert.True(await Poll.Until(async () => (await ActiveAsync(instance)).Contains("inspected")));
            await server.PinAsync(Start.AddHours(28));

            Assert.True(await Poll.Until(async () => (await server.SearchAsync("element-instances", new { processInstanceKey = instance, elementId = end })).Count > 0),
                $"the return did not end at {end}");
            // A disposed item brings half its value back; an empty box nothing (a trusted customer was refunded before it arrived, and that refund is taken back).
            var refunds = (await server.WorldAsync())["refunds"]!.AsArray().Where(r => r!["orderId"]!.GetValue<string>() == orderId).Select(r => r!["amount"]!.GetValue<double>()).ToList();
            Assert.Equal(refunded is { } amount ? [amount] : [], refunds);
        });
    }

    [Fact]
    public async Task A_customer_who_never_hands_the_parcel_over_is_reminded_and_the_return_closes()
    {
        await server.RunAtAsync(Start, async () =>
        {
            var instance = await StartReturnAsync("E2E-NOSHIP-9", "standard");
            await CompleteTaskAsync(instance, new { decision = "approve" });
            Assert.True(await Poll.Until(async () => (await ActiveAsync(instance)).Contains("awaitParcel")));

            await server.PinAsync(Start.AddDays(8));
            Assert.True(await Poll.Until(async () => (await ActiveAsync(instance)).Contains("awaitParcelAgain")), "no reminder after a week");
            await server.PinAsync(Start.AddDays(15));

            Assert.True(await Poll.Until(async () => (await server.SearchAsync("element-instances", new { processInstanceKey = instance, elementId = "autoClosed" })).Count > 0));
            var sent = (await server.WorldAsync())["notifications"]!.AsArray().Where(n => n!["customerId"]!.GetValue<string>() == "CUST-E2E-NOSHIP-9")
                .Select(n => n!["channel"]!.GetValue<string>() + ":" + n["template"]!.GetValue<string>()).ToList();
            Assert.Equal(["email:return-label-sent", "email:pickup-booked", "email:inspection-result"], sent);
        });
    }

    [Theory]
    [InlineData("E2E-CANCEL-1", "VIP")]
    [InlineData("E2E-CANCEL-2", "standard")]
    public async Task A_return_the_customer_cancels_before_the_pickup_has_its_label_voided_its_pickup_cancelled_and_an_instant_refund_taken_back(string orderId, string tier)
    {
        await server.RunAtAsync(Start, async () =>
        {
            // Arrange: a VIP refunded at once; a standard customer's return approved by the agent, nothing refunded yet
            var instance = await StartReturnAsync(orderId, tier);
            if (tier == "standard")
            {
                await CompleteTaskAsync(instance, new { decision = "approve" });
            }

            Assert.True(await Poll.Until(async () => (await ActiveAsync(instance)).Contains("awaitParcel")));

            // Act
            await server.PostOkAsync("/v2/messages/publication", new { name = "return.cancelled", correlationKey = orderId });

            // Assert
            Assert.True(await Poll.Until(async () => (await server.SearchAsync("element-instances", new { processInstanceKey = instance, elementId = "cancelledByCustomer" })).Count > 0),
                "the cancelled return did not end");
            var world = await server.WorldAsync();
            var shipment = Assert.Single(world["shipments"]!.AsArray(), s => s!["orderId"]!.GetValue<string>() == orderId)!;
            Assert.Equal("Voided", shipment["status"]!.GetValue<string>());
            var pickup = Assert.Single(world["pickups"]!.AsArray(), p => p!["shipmentId"]!.GetValue<string>() == shipment["shipmentId"]!.GetValue<string>())!;
            Assert.Equal("CANCELLED", pickup["status"]!.GetValue<string>());
            var reversals = world["reversals"]!.AsArray().Where(r => r!["orderId"]!.GetValue<string>() == orderId).Select(r => r!["reason"]!.GetValue<string>());
            Assert.Equal(tier == "VIP" ? ["the customer cancelled the return"] : [], reversals);
            var last = world["notifications"]!.AsArray().Last(n => n!["customerId"]!.GetValue<string>() == "CUST-" + orderId)!;
            Assert.Equal(tier == "VIP" ? "refund-reversed" : "return-cancelled", last["template"]!.GetValue<string>());
            Assert.Contains(
                tier == "VIP" ? "As you asked, we have cancelled your return; the return label and any booked pickup are no longer valid. We have therefore taken back the refund"
                    : "As you asked, we have cancelled your return.",
                last["body"]!.GetValue<string>(), StringComparison.Ordinal);
            var page = await ApiAssert.OkJson(await server.Client.GetAsync($"/api/track/{await Surveys.TokenAsync(server, instance)}"));
            var steps = page["steps"]!.AsArray().Select(s => s!["key"]!.GetValue<string>()).ToList();
            Assert.Contains("cancelled", steps);
            // The refund and its reversal are both shown (passed at one pinned instant, their order is the model's tie-break).
            Assert.Equal(tier == "VIP" ? ["refund", "refundReversed"] : [], steps.Where(s => s.StartsWith("refund", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
            Assert.Null(page["refund"]);
        });
    }

    [Fact]
    public async Task A_complaint_left_open_escalates_through_every_tier_with_the_notifications_sent_by_the_simulated_service()
    {
        // Wednesday 2 December 2026, 10:00 in Shanghai: the support calendar's working hours.
        var start = new DateTimeOffset(2026, 12, 2, 2, 0, 0, TimeSpan.Zero);
        await server.RunAtAsync(start, async () =>
        {
            var instance = await server.StartAsync("complaint-escalation", new
            {
                complaintId = "E2E-C-1", customerId = "CUST-E2E-C", orderId = "E2E-C-ORDER", language = "zh-CN", description = "broken twice", orderValue = 80,
            });
            Assert.True(await Poll.Until(async () => (await ActiveAsync(instance)).Contains("tier1")));
            await server.PinAsync(start.AddMinutes(61));
            Assert.True(await Poll.Until(async () => (await ActiveAsync(instance)).Contains("tier2")), "tier 1's SLA did not escalate");
            await server.PinAsync(start.AddMinutes(61 + 241));
            Assert.True(await Poll.Until(async () => (await ActiveAsync(instance)).Contains("tier3")), "tier 2's SLA did not escalate");
            await server.PinAsync(start.AddMinutes(61 + 241).AddHours(24).AddMinutes(1));

            // Each tier's alert is a job of its own, delivered in whatever order the workers finish: wait for all four.
            string[] alerted = ["team:tier1-agents", "team:tier2-specialists", "team:directors", "team:management"];
            var teams = new HashSet<string>();
            Assert.True(await Poll.Until(async () =>
            {
                teams = (await server.WorldAsync())["notifications"]!.AsArray().Select(n => n!["customerId"]!.GetValue<string>()).ToHashSet();
                return alerted.All(teams.Contains);
            }), $"not every tier was alerted (the director's breach alerts management): {string.Join(", ", teams)}");
        });
    }

    [Fact]
    public async Task A_carrier_outage_exhausts_the_retries_into_an_incident_and_the_return_completes_after_its_resolution()
    {
        try
        {
            await Outage();
        }
        finally
        {
            await ApiAssert.NoContent(await server.Client.DeleteAsync("/sim/_sim/faults"));
        }
    }

    private Task Outage() =>
        server.RunAtAsync(Start, async () =>
        {
            await ApiAssert.NoContent(await server.Client.PutAsJsonAsync("/sim/_sim/faults", new { method = "POST", path = "/carrier/shipments", errorRate = 1.0, status = 503 }));
            var instance = await StartReturnAsync("E2E-2002", "VIP");

            JsonNode? incident = null;
            Assert.True(await Poll.Until(async () => (incident = (await server.SearchAsync("incidents", new { processInstanceKey = instance, state = "ACTIVE" })).FirstOrDefault()) is not null),
                "the outage did not end in an incident");
            Assert.Equal("createLabel", incident!["elementId"]!.GetValue<string>());
            Assert.Equal("JOB_NO_RETRIES", incident["errorType"]!.GetValue<string>());

            await ApiAssert.NoContent(await server.Client.DeleteAsync("/sim/_sim/faults"));
            await ApiAssert.NoContent(await server.Client.PatchAsJsonAsync($"/v2/jobs/{incident["jobKey"]}", new { changeset = new { retries = 1 } }));
            await ApiAssert.NoContent(await server.PostAsync($"/v2/incidents/{incident["incidentKey"]}/resolution", null));
            Assert.True(await Poll.Until(async () => (await ActiveAsync(instance)).Contains("awaitParcel")), "the resolved return did not move on");

            await server.PinAsync(Start.AddHours(25));
            await server.PinAsync(Start.AddHours(28));
            await Surveys.AnswerAsync(server, instance, new { csat = 4, nps = 8 });
            Assert.True(await Poll.Until(async () => await StateAsync(instance) == "COMPLETED"));
        });

    [Fact]
    public async Task A_parcel_the_carrier_loses_starts_a_logistics_exception_whose_claim_the_carrier_approves()
    {
        await server.RunAtAsync(Start, async () =>
        {
            // A replacement shipment of an order whose id says LOST: the simulated carrier loses it 30 hours later. The claim is
            // for the order's value, 248.40 CNY: the simulated carrier approves claims up to 500.
            var trackingCode = await ShipAsync("E2E-LOST-5");

            await server.PinAsync(Start.AddHours(31));

            var instance = await server.ExceptionOfAsync(trackingCode);
            Assert.True(await Poll.Until(async () => (await ActiveAsync(instance)).Contains("decide")));
            var world = await server.WorldAsync();
            Assert.Contains(world["claims"]!.AsArray(), c => c!["trackingCode"]!.GetValue<string>() == trackingCode);
        });
    }

    [Fact]
    public async Task A_delayed_parcel_the_agent_waits_for_closes_when_the_simulated_carrier_delivers_it()
    {
        await server.RunAtAsync(Start, async () =>
        {
            var trackingCode = await ShipAsync("E2E-DELAY-4");
            await server.PinAsync(Start.AddHours(21));

            var instance = await server.ExceptionOfAsync(trackingCode);
            await CompleteTaskAsync(instance, new { action = "wait" });
            Assert.True(await Poll.Until(async () => (await ActiveAsync(instance)).Contains("awaitNews")));

            await server.PinAsync(Start.AddHours(49));

            await Surveys.AnswerAsync(server, instance, new { csat = 4, nps = 8 });
            Assert.True(await Poll.Until(async () => await StateAsync(instance) == "COMPLETED"), "the Delivered update did not close the exception");
            Assert.Single(await server.SearchAsync("element-instances", new { processInstanceKey = instance, elementId = "deliveredResolved" }));
        });
    }

    [Fact]
    public async Task A_repair_under_warranty_books_the_pickup_and_ships_the_device_back_through_the_simulated_carrier()
    {
        await server.RunAtAsync(Start, async () =>
        {
            var instance = await server.StartAsync("repair", new
            {
                orderId = "E2E-R-5", customerId = "CUST-R-5", serviceType = "pickup", productSku = "SKU-VACUUM", issue = "no suction", amount = 899, language = "zh-CN",
                address = new { name = "Wang Fang", street = "5 Huaihai Road", city = "Shanghai", postalCode = "200001", country = "CN" },
            });
            // The device reaches the repair point with the simulated carrier's delivery a day later.
            Assert.True(await Poll.Until(async () => (await ActiveAsync(instance)).Contains("awaitDevice")));
            await server.PinAsync(Start.AddHours(25));
            await CompleteTaskAsync(instance, new { diagnosis = "repair", quoteAmount = 0 }, "diagnose");
            await CompleteTaskAsync(instance, new { }, "repairIt");

            await Surveys.AnswerAsync(server, instance, new { csat = 4, nps = 8 });
            Assert.True(await Poll.Until(async () => await StateAsync(instance) == "COMPLETED"));
            var world = await server.WorldAsync();
            Assert.Equal(2, world["shipments"]!.AsArray().Count(s => s!["orderId"]!.GetValue<string>() == "E2E-R-5"));
            Assert.Contains(world["notifications"]!.AsArray(), n => n!["customerId"]!.GetValue<string>() == "CUST-R-5" && n["language"]!.GetValue<string>() == "zh-CN"
                && n["subject"]!.GetValue<string>() == "订单 E2E-R-5 的维修进度更新" && n["body"]!.GetValue<string>().Contains("订单号：E2E-R-5", StringComparison.Ordinal));
        });
    }

    [Fact]
    public async Task Bug_a_cancellation_once_the_carrier_has_the_parcel_is_declined_and_the_return_goes_on_to_its_refund()
    {
        await server.RunAtAsync(Start, async () =>
        {
            // Arrange: a VIP refunded at once, the parcel collected by the carrier (in transit two hours after the label)
            const string orderId = "E2E-CANCEL-LATE";
            var instance = await StartReturnAsync(orderId, "VIP");
            Assert.True(await Poll.Until(async () => (await ActiveAsync(instance)).Contains("awaitParcel")));
            await server.PinAsync(Start.AddHours(3));
            Assert.True(await Poll.Until(async () => (await server.WorldAsync())["shipments"]!.AsArray()
                .Any(s => s!["orderId"]!.GetValue<string>() == orderId && s["status"]!.GetValue<string>() == "InTransit")), "the carrier did not collect the parcel");

            // Act: the customer asks to cancel; the carrier refuses to void the label it is using (LABEL_IN_USE)
            await server.PostOkAsync("/v2/messages/publication", new { name = "return.cancelled", correlationKey = orderId });

            // Assert: declined and told, no incident, nothing undone, the return still waits for its parcel
            Assert.True(await Poll.Until(async () => (await server.SearchAsync("element-instances", new { processInstanceKey = instance, elementId = "cancelDeclined" })).Count > 0),
                "the cancellation was not declined");
            Assert.Empty(await server.SearchAsync("incidents", new { processInstanceKey = instance }));
            Assert.Contains("awaitParcel", await ActiveAsync(instance));
            var world = await server.WorldAsync();
            var declined = world["notifications"]!.AsArray().Last(n => n!["customerId"]!.GetValue<string>() == "CUST-" + orderId)!;
            Assert.Equal("return-cancel-declined", declined["template"]!.GetValue<string>());
            Assert.Contains("the carrier has already collected your parcel", declined["body"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.DoesNotContain(world["reversals"]!.AsArray(), r => r!["orderId"]!.GetValue<string>() == orderId);
            Assert.NotEqual("CANCELLED", Assert.Single(world["pickups"]!.AsArray(), p => p!["shipmentId"]!.GetValue<string>() == Assert.Single(
                world["shipments"]!.AsArray(), s => s!["orderId"]!.GetValue<string>() == orderId)!["shipmentId"]!.GetValue<string>())!["status"]!.GetValue<string>());
            var page = await ApiAssert.OkJson(await server.Client.GetAsync($"/api/track/{await Surveys.TokenAsync(server, instance)}"));
            var steps = page["steps"]!.AsArray().Select(s => s!["key"]!.GetValue<string>()).ToList();
            Assert.Contains("cancelDeclined", steps);
            Assert.DoesNotContain("cancelled", steps);
            Assert.NotNull(page["refund"]);

            // The parcel arrives and the return ends as any other: the refund kept, the outcome told, the survey sent
            await server.PinAsync(Start.AddHours(25));
            Assert.True(await Poll.Until(async () => (await ActiveAsync(instance)).Contains("inspected")), "the parcel's delivery did not reach the warehouse");
            await server.PinAsync(Start.AddHours(28));
            await Surveys.AnswerAsync(server, instance, new { csat = 3, nps = 6 });
            Assert.True(await Poll.Until(async () => await StateAsync(instance) == "COMPLETED"), "the return did not finish");
            Assert.Single(await server.SearchAsync("element-instances", new { processInstanceKey = instance, elementId = "resolved" }));
            world = await server.WorldAsync();
            Assert.Equal(
                ["refund-issued", "return-label-sent", "return-cancel-declined", "parcel-received", "satisfaction-survey"],
                world["notifications"]!.AsArray().Where(n => n!["customerId"]!.GetValue<string>() == "CUST-" + orderId).Select(n => n!["template"]!.GetValue<string>()));
            Assert.Single(world["refunds"]!.AsArray(), r => r!["orderId"]!.GetValue<string>() == orderId);
        });
    }

    /// <summary>A shipment from the simulated warehouse (its order id chooses its fate); returns its tracking code.</summary>
    private async Task<string> ShipAsync(string orderId) =>
        (await ApiAssert.OkJsonOrCreated(await server.PostAsync("/sim/warehouse/reshipments", new { orderId, customerId = "CUST-" + orderId, sku = "SKU-X", quantity = 1 })))
            ["trackingCode"]!.GetValue<string>();

    /// <summary>The instance's open user task (at <paramref name="elementId"/>, if given), once it exists.</summary>
    private async Task<JsonNode> OpenTaskAsync(string instance, string? elementId = null)
    {
        JsonNode? task = null;
        Assert.True(await Poll.Until(async () => (task = (await server.SearchAsync("user-tasks", elementId is null
            ? new { processInstanceKey = instance, state = "CREATED" }
            : (object)new { processInstanceKey = instance, elementId, state = "CREATED" })).FirstOrDefault()) is not null), $"instance {instance} has no open task {elementId}");
        return task!;
    }

    private async Task CompleteTaskAsync(string instance, object variables, string? elementId = null) =>
        await ApiAssert.NoContent(await server.PostAsync($"/v2/user-tasks/{(await OpenTaskAsync(instance, elementId))["userTaskKey"]}/completion", new { variables }));

    private async Task<string> StartReturnAsync(string orderId, string tier) =>
        await server.StartAsync("return-and-refund", new
        {
            orderId, customerId = "CUST-" + orderId, customerTier = tier, kind = "refund", category = "kitchen", language = "en", amount = 199, currency = "CNY",
            deliveredAt = Start.AddDays(-3).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            items = new[] { new { sku = "SKU-KETTLE", quantity = 1 } },
            address = new { name = "Li Wei", street = "1 Nanjing Road", city = "Shanghai", postalCode = "200000", country = "CN" },
        });

    private async Task<List<string>> ActiveAsync(string instance) =>
        [.. (await server.SearchAsync("element-instances", new { processInstanceKey = instance, state = "ACTIVE" })).Select(e => e!["elementId"]!.GetValue<string>())];

    private async Task<string> StateAsync(string instance) =>
        (await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/process-instances/{instance}")))["state"]!.GetValue<string>();
}
