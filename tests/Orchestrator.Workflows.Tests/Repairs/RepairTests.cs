using System.Net;
using System.Text.Json.Nodes;
using Orchestrator.Testing;

namespace Orchestrator.Workflows.Tests.Repairs;

/// <summary>
/// repair: order and customer looked up, the repair point by country, pickup (waiting for the device at the repair point) or
/// an on-site visit (the promise kept at the technician's arrival), diagnosis, quote approval by message, repair, replacement
/// or refund, the customer told at each step.
/// </summary>
public sealed class RepairTests(WorkflowServer server) : IClassFixture<WorkflowServer>
{
    // Wednesday 9 December 2026, 09:30 in Shanghai.
    private static readonly DateTimeOffset Start = new(2026, 12, 9, 1, 30, 0, TimeSpan.Zero);

    private readonly RepairDesk desk = new(server);

    [Fact]
    public async Task The_order_and_the_customer_are_looked_up_and_variables_passed_at_start_win() =>
        await server.RunAtAsync(Start, async () =>
        {
            desk.PinOrder("P-LOOKUP", "DE", "EUR", 598, deviceQuantity: 2);
            desk.PinCustomer("CUST-P-LOOKUP", "VIP", "de", "app", "DE");
            desk.PinOrder("P-PASSED", "DE", "EUR", 598);
            desk.PinCustomer("CUST-P-PASSED", "standard", "de", "app", "DE");
            var looked = await StartAsync("P-LOOKUP", "pickup");
            var passed = await StartAsync("P-PASSED", "pickup", ("language", "es"), ("channel", "sms"), ("customerTier", "VIP"));
            Assert.True(await desk.DriveToAsync(looked, "awaitDevice"));
            Assert.True(await desk.DriveToAsync(passed, "awaitDevice"));

            Assert.Equal("CUST-P-LOOKUP", await TextAsync(looked, "customerId"));
            Assert.Equal(("de", "app", "VIP", "DE", "EUR"), (await TextAsync(looked, "language"), await TextAsync(looked, "channel"),
                await TextAsync(looked, "customerTier"), await TextAsync(looked, "country"), await TextAsync(looked, "currency")));
            // What was paid for one of the two vacuums on the order, not the order's total.
            Assert.Equal(299m, (await server.VariableAsync(looked, "amount"))!.GetValue<decimal>());
            var told = Assert.Single(desk.Served(looked, "notify.send"));
            Assert.Equal(("de", "app"), (told["language"]!.GetValue<string>(), told["channel"]!.GetValue<string>()));

            Assert.Equal(("es", "sms", "VIP"), (await TextAsync(passed, "language"), await TextAsync(passed, "channel"), await TextAsync(passed, "customerTier")));
        });

    [Theory]
    [InlineData("P-VOC-1", null, true)]
    [InlineData("P-VOC-2", "quality/missing-parts", false)]
    public async Task A_repair_is_a_defect_unless_given_the_technician_corrects_it_and_the_survey_is_answered_or_expires_after_seven_days(
        string orderId, string? given, bool answered) =>
        await server.RunAtAsync(Start, async () =>
        {
            var instance = given is null ? await StartAsync(orderId, "pickup") : await StartAsync(orderId, "pickup", ("reasonCode", given));
            Assert.True(await desk.DriveToAsync(instance, "awaitDevice"));
            Assert.Equal(given ?? "quality/defect", await TextAsync(instance, "reasonCode"));

            await server.PinAsync(Start.AddHours(26));
            Assert.Equal(HttpStatusCode.Accepted, (await server.WarehouseEventAsync(new { @event = "received", rmaId = "RMA-" + orderId, orderId, at = Start.AddHours(26) })).StatusCode);
            await desk.CompleteAsync(instance, "diagnose", new { diagnosis = "repair", quoteAmount = 0, reasonCode = "quality/not-as-described" });
            await desk.CompleteAsync(instance, "repairIt", new { });
            Assert.True(await desk.DriveToAsync(instance, "resolved"));
            await Surveys.WaitingAsync(server, instance, () => desk.DriveAsync(() => Task.FromResult(true)));
            if (answered)
            {
                await Surveys.AnswerAsync(server, instance, new { csat = 2, nps = 6 });
            }
            else
            {
                await server.PinAsync(Start.AddHours(26).AddDays(7).AddMinutes(1));
            }

            Assert.True(await desk.DriveToAsync(instance, "done"));
            Assert.Equal("quality/not-as-described", await TextAsync(instance, "reasonCode"));
            Assert.Equal(answered ? (2, 6) : (null, null),
                ((await server.VariableAsync(instance, "csat"))?.GetValue<int>(), (await server.VariableAsync(instance, "nps"))?.GetValue<int>()));
        });

    [Fact]
    public async Task An_unknown_order_goes_to_an_agent_and_closes_without_an_incident() =>
        await server.RunAtAsync(Start, async () =>
        {
            var instance = await StartAsync("P-UNKNOWN-1", "pickup", ("customerTier", "VIP"));

            await desk.CompleteAsync(instance, "checkRequest", new { });

            Assert.True(await desk.DriveToAsync(instance, "requestChecked"));
            Assert.Empty(await server.SearchAsync("incidents", new { processInstanceKey = instance }));
            Assert.Empty(await server.SearchAsync("element-instances", new { processInstanceKey = instance, elementId = "createRma" }));
        });

    [Fact]
    public async Task A_picked_up_device_is_awaited_at_the_repair_point_and_the_customer_hears_of_its_arrival_diagnosis_and_way_back() =>
        await server.RunAtAsync(Start, async () =>
        {
            var instance = await StartAsync("P-1", "pickup");
            Assert.True(await desk.DriveToAsync(instance, "awaitDevice"), "the repair did not wait for the device");
            var label = Assert.Single(desk.Served(instance, "carrier.createLabel"));
            Assert.Equal("Suzhou", label["to"]!["city"]!.GetValue<string>());
            Assert.Empty(await server.SearchAsync("user-tasks", new { processInstanceKey = instance, elementId = "diagnose" }));

            await server.PinAsync(Start.AddHours(26));
            Assert.Equal(HttpStatusCode.Accepted, (await server.WarehouseEventAsync(new { @event = "received", rmaId = "RMA-P-1", orderId = "P-1", at = Start.AddHours(26) })).StatusCode);
            await desk.CompleteAsync(instance, "diagnose", new { diagnosis = "repair", quoteAmount = 0 });
            await desk.CompleteAsync(instance, "repairIt", new { });

            Assert.True(await desk.DriveToAsync(instance, "resolved"));
            Assert.Equal(["repair-status", "repair-received", "repair-diagnosed", "repair-shipped"], desk.Told(instance));
            var sent = desk.Served(instance, "notify.send");
            Assert.Equal("Suzhou repair centre", sent[1]["data"]!["repairPoint"]!.GetValue<string>());
            Assert.Equal("repair", sent[2]["data"]!["outcome"]!.GetValue<string>());
            Assert.Equal(("repaired", "TRK-P-1"), (sent[3]["data"]!["outcome"]!.GetValue<string>(), sent[3]["data"]!["trackingCode"]!.GetValue<string>()));
            Assert.All(sent, n => Assert.Equal(("zh-CN", "sms"), (n["language"]!.GetValue<string>(), n["channel"]!.GetValue<string>())));
        });

    [Fact]
    public async Task A_device_that_does_not_arrive_in_a_week_is_chased_then_diagnosed() =>
        await server.RunAtAsync(Start, async () =>
        {
            var instance = await StartAsync("P-LATE", "pickup");
            Assert.True(await desk.DriveToAsync(instance, "awaitDevice"));

            await server.PinAsync(Start.AddDays(7).AddMinutes(1));
            await desk.CompleteAsync(instance, "chaseDevice", new { });

            Assert.True(await desk.DriveToAsync(instance, "diagnose"), "the chased device was not diagnosed");
            Assert.Contains("repair-received", desk.Told(instance));
        });

    [Fact]
    public async Task The_on_site_promise_is_kept_when_the_technician_arrives_and_the_quote_wait_after_it_breaches_nothing() =>
        await server.RunAtAsync(Start, async () =>
        {
            var instance = await StartAsync("P-ONSITE", "onsite");
            await desk.CompleteAsync(instance, "bookVisit", new { });
            await server.PinAsync(Start.AddHours(30));
            await desk.CompleteAsync(instance, "technicianArrives", new { });
            await desk.CompleteAsync(instance, "diagnoseOnSite", new { diagnosis = "repair", quoteAmount = 250 });
            Assert.True(await desk.DriveToAsync(instance, "awaitAnswer"));

            Assert.Equal(Start.AddHours(30), RepairDesk.Parse(await server.VariableAsync(instance, "slaMetAt")));
            await server.PinAsync(Start.AddDays(4));
            var events = await InstanceSlaAsync(instance, "MET");
            Assert.Equal(Start.AddHours(30), RepairDesk.Parse(Assert.Single(events)!["at"]));
            Assert.Empty(await InstanceSlaEventsAsync(instance, "BREACHED"));
            Assert.Empty(await server.SearchAsync("element-instances", new { processInstanceKey = instance, elementId = "onSiteLate" }));
            Assert.Equal(250m, desk.Served(instance, "notify.send")[^1]["data"]!["quote"]!.GetValue<decimal>());
        });

    [Fact]
    public async Task A_technician_not_there_within_48_hours_breaks_the_promise_and_alerts_the_field_managers() =>
        await server.RunAtAsync(Start, async () =>
        {
            var instance = await StartAsync("P-NOSHOW", "onsite");
            await desk.CompleteAsync(instance, "bookVisit", new { });
            Assert.True(await desk.DriveToAsync(instance, "technicianArrives"));
            Assert.Equal(Start.AddHours(48), RepairDesk.Parse(await server.VariableAsync(instance, "slaDueDate")));

            await server.PinAsync(Start.AddHours(49));

            Assert.True(await desk.DriveToAsync(instance, "onSiteAlerted"), "the on-site promise did not alert the field managers");
            Assert.Contains(desk.Served(instance, "notify.send"), n => n["customerId"]!.GetValue<string>() == "team:field-managers");
            Assert.NotEmpty(await InstanceSlaAsync(instance, "BREACHED"));
        });

    [Fact]
    public async Task A_customer_abroad_is_served_by_the_regional_repair_point_with_the_72_hour_cross_border_promise() =>
        await server.RunAtAsync(Start, async () =>
        {
            desk.PinCustomer("CUST-P-VN", "standard", "vi", "email", "VN");
            var instance = await StartAsync("P-VN", "pickup");
            Assert.True(await desk.DriveToAsync(instance, "awaitDevice"));

            var decided = await server.DecisionAsync(instance, "repair-point");
            Assert.Equal("repair-point-vn", Assert.Single(decided["matchedRules"]!.AsArray())!["ruleId"]!.GetValue<string>());
            var point = (await server.VariableAsync(instance, "repairPoint"))!;
            Assert.Equal(("RP-TH-BANGKOK", true), (point["repairPointId"]!.GetValue<string>(), point["crossBorder"]!.GetValue<bool>()));
            Assert.Equal(Start.AddHours(72), RepairDesk.Parse(await server.VariableAsync(instance, "slaDueDate")));
            Assert.Equal("TH", Assert.Single(desk.Served(instance, "carrier.createLabel"))["to"]!["country"]!.GetValue<string>());

            await server.PinAsync(Start.AddHours(30));
            Assert.Equal(HttpStatusCode.Accepted, (await server.WarehouseEventAsync(new { @event = "received", rmaId = "RMA-P-VN", orderId = "P-VN", at = Start.AddHours(30) })).StatusCode);
            Assert.True(await desk.DriveToAsync(instance, "diagnose"));
            var diagnose = await server.TaskAsync(instance, "diagnose");
            Assert.Equal(Start.AddHours(72), RepairDesk.Parse(diagnose["dueDate"]));
            await server.PinAsync(Start.AddHours(60));
            Assert.Empty(await server.SearchAsync("element-instances", new { processInstanceKey = instance, elementId = "repairPromiseLate" }));

            await server.PinAsync(Start.AddHours(73));
            Assert.True(await desk.DriveToAsync(instance, "repairPromiseAlerted"), "the 72 h promise did not alert the repair managers");
        });

    [Fact]
    public async Task A_vip_s_tasks_come_before_a_standard_customer_s() =>
        await server.RunAtAsync(Start, async () =>
        {
            desk.PinCustomer("CUST-P-VIP", "VIP", "zh-CN", "app", "CN");
            var vip = await StartAsync("P-VIP", "onsite");
            var standard = await StartAsync("P-STD", "onsite");

            var vipTask = await PriorityAsync(vip, "bookVisit");
            var standardTask = await PriorityAsync(standard, "bookVisit");
            await desk.CompleteAsync(vip, "bookVisit", new { });
            await desk.CompleteAsync(standard, "bookVisit", new { });

            Assert.True(vipTask > standardTask, $"VIP {vipTask}, standard {standardTask}");
            Assert.True(await PriorityAsync(vip, "technicianArrives") > await PriorityAsync(standard, "technicianArrives"));
        });

    [Fact]
    public async Task A_device_that_cannot_be_repaired_is_refunded_what_was_paid_for_its_line() =>
        await server.RunAtAsync(Start, async () =>
        {
            desk.PinOrder("P-REFUND", "ES", "EUR", 449.9m);
            desk.PinCustomer("CUST-P-REFUND", "standard", "es", "email", "ES");
            var instance = await StartAsync("P-REFUND", "onsite");
            await VisitAsync(instance, "refund");

            Assert.True(await desk.DriveToAsync(instance, "resolved"));
            var refund = Assert.Single(desk.Served(instance, "payment.refund"));
            Assert.Equal((449.9m, "EUR"), (refund["amount"]!.GetValue<decimal>(), refund["currency"]!.GetValue<string>()));
            Assert.Equal(["repair-status", "repair-diagnosed", "refund-issued"], desk.Told(instance));
            Assert.Equal(449.9m, desk.Served(instance, "notify.send")[^1]["data"]!["amount"]!.GetValue<decimal>());
        });

    [Fact]
    public async Task A_refund_the_payment_provider_declines_goes_to_finance_and_the_customer_is_told_once_it_is_paid() =>
        await server.RunAtAsync(Start, async () =>
        {
            var instance = await StartAsync("P-DECLINE", "onsite");
            await VisitAsync(instance, "refund");

            await desk.CompleteAsync(instance, "refundByHand", new { });

            Assert.True(await desk.DriveToAsync(instance, "resolved"));
            Assert.Empty(await server.SearchAsync("incidents", new { processInstanceKey = instance }));
            var told = desk.Served(instance, "notify.send")[^1];
            Assert.Equal(("refund-issued", 949m), (told["template"]!.GetValue<string>(), told["data"]!["amount"]!.GetValue<decimal>()));
        });

    [Fact]
    public async Task A_late_on_site_booking_alerts_the_managers_and_a_replacement_is_sent_with_its_tracking_code() =>
        await server.RunAtAsync(Start, async () =>
        {
            var instance = await StartAsync("P-2", "onsite");
            Assert.True(await desk.DriveToAsync(instance, "bookVisit"));

            await server.PinAsync(Start.AddHours(25));
            Assert.True(await desk.DriveToAsync(instance, "responseAlerted"), "the 24 h response promise did not alert the managers");
            await VisitAsync(instance, "replace");

            Assert.True(await desk.DriveToAsync(instance, "resolved"));
            Assert.Equal("TRK-R-P-2", desk.Served(instance, "notify.send")[^1]["data"]!["trackingCode"]!.GetValue<string>());
            Assert.Empty(await server.SearchAsync("element-instances", new { processInstanceKey = instance, elementId = "shipBack" }));
        });

    [Fact]
    public async Task A_device_repaired_on_site_stays_with_the_customer_who_is_told_it_is_repaired() =>
        await server.RunAtAsync(Start, async () =>
        {
            var instance = await StartAsync("P-ATHOME", "onsite");
            await VisitAsync(instance, "repair");

            Assert.True(await desk.DriveToAsync(instance, "repairIt"));
            Assert.Equal("field-technicians", Assert.Single((await server.TaskAsync(instance, "repairIt"))["candidateGroups"]!.AsArray())!.GetValue<string>());
            await desk.CompleteAsync(instance, "repairIt", new { });

            Assert.True(await desk.DriveToAsync(instance, "resolved"));
            Assert.Empty(await server.SearchAsync("element-instances", new { processInstanceKey = instance, elementId = "shipBack" }));
            Assert.Equal(["repair-status", "repair-diagnosed", "repair-status"], desk.Told(instance));
            Assert.Equal("repaired", desk.Served(instance, "notify.send")[^1]["data"]!["status"]!.GetValue<string>());
        });

    [Fact]
    public async Task A_quote_the_customer_approves_is_repaired_and_one_left_unanswered_is_sent_back_unrepaired() =>
        await server.RunAtAsync(Start, async () =>
        {
            var approved = await StartAsync("P-3", "pickup");
            var ignored = await StartAsync("P-4", "pickup");
            await ReceiveAsync(approved, "P-3");
            await ReceiveAsync(ignored, "P-4");
            await desk.CompleteAsync(approved, "diagnose", new { diagnosis = "repair", quoteAmount = 300 });
            await desk.CompleteAsync(ignored, "diagnose", new { diagnosis = "repair", quoteAmount = 300 });
            Assert.True(await desk.DriveToAsync(approved, "awaitAnswer"));
            Assert.True(await desk.DriveToAsync(ignored, "awaitAnswer"));

            await server.PostOkAsync("/v2/messages/publication", new { name = "repair.quote-answer", correlationKey = "P-3", variables = new { quoteApproved = true } });
            await desk.CompleteAsync(approved, "repairIt", new { });
            await server.PinAsync(Start.AddDays(6));

            Assert.True(await desk.DriveToAsync(approved, "resolved"));
            Assert.True(await desk.DriveToAsync(ignored, "resolved"));
            Assert.Empty(await server.SearchAsync("element-instances", new { processInstanceKey = ignored, elementId = "repairIt" }));
            Assert.Equal("unrepaired", desk.Served(ignored, "notify.send")[^1]["data"]!["outcome"]!.GetValue<string>());
            Assert.Equal("repaired", desk.Served(approved, "notify.send")[^1]["data"]!["outcome"]!.GetValue<string>());
        });

    [Fact]
    public async Task The_customer_s_tracking_page_shows_the_device_s_arrival_ahead_for_a_pickup_and_no_visit() =>
        await server.RunAtAsync(Start, async () =>
        {
            desk.PinCustomer("CUST-P-TRACK", "standard", "de", "email", "DE");
            var instance = await StartAsync("P-TRACK", "pickup");
            Assert.True(await desk.DriveToAsync(instance, "awaitDevice"));
            var token = (await server.VariableAsync(instance, "trackingToken"))!.GetValue<string>();

            var page = await ApiAssert.OkJson(await server.Client.GetAsync($"/api/track/{token}"));

            var steps = page["steps"]!.AsArray().Select(s => (s!["key"]!.GetValue<string>(), s["state"]!.GetValue<string>())).ToList();
            Assert.Equal(("requested", "done"), steps[0]);
            Assert.Equal(("collection", "current"), steps[1]);
            Assert.Equal(("received", "pending"), steps[2]);
            Assert.Equal(("diagnosis", "pending"), steps[3]);
            Assert.DoesNotContain(steps, s => s.Item1 is "visit" or "checking" or "refunded");
            Assert.Equal("Gerät in der Reparaturstelle eingegangen", page["steps"]![2]!["label"]!.GetValue<string>());
        });

    private async Task<string> StartAsync(string orderId, string serviceType, params (string Name, object Value)[] passed)
    {
        var variables = new Dictionary<string, object>
        {
            ["orderId"] = orderId, ["serviceType"] = serviceType, ["productSku"] = "SKU-VACUUM", ["issue"] = "does not turn on",
            ["address"] = new { name = "Wang Fang", street = "5 Huaihai Road", city = "Shanghai", postalCode = "200001", country = "CN" },
        };
        foreach (var (name, value) in passed)
        {
            variables[name] = value;
        }

        return await server.StartAsync("repair", variables);
    }

    /// <summary>The visit booked, the technician there and the device diagnosed on site (under warranty).</summary>
    private async Task VisitAsync(string instance, string diagnosis)
    {
        await desk.CompleteAsync(instance, "bookVisit", new { });
        await desk.CompleteAsync(instance, "technicianArrives", new { });
        await desk.CompleteAsync(instance, "diagnoseOnSite", new { diagnosis, quoteAmount = 0 });
    }

    private async Task ReceiveAsync(string instance, string orderId)
    {
        Assert.True(await desk.DriveToAsync(instance, "awaitDevice"));
        Assert.Equal(HttpStatusCode.Accepted, (await server.WarehouseEventAsync(new { @event = "received", rmaId = "RMA-" + orderId, orderId, at = Start })).StatusCode);
    }

    private async Task<string?> TextAsync(string instance, string name) => (await server.VariableAsync(instance, name))?.GetValue<string>();

    private async Task<int> PriorityAsync(string instance, string elementId)
    {
        Assert.True(await desk.DriveToAsync(instance, elementId), $"the repair never reached {elementId}");
        return (await server.TaskAsync(instance, elementId))["priority"]!.GetValue<int>();
    }

    /// <summary>The case's SLA events of a kind, once there is one.</summary>
    private async Task<JsonArray> InstanceSlaAsync(string instance, string kind)
    {
        var events = new JsonArray();
        Assert.True(await Poll.Until(async () => (events = await InstanceSlaEventsAsync(instance, kind)).Count > 0), $"no {kind} event for the case");
        return events;
    }

    private async Task<JsonArray> InstanceSlaEventsAsync(string instance, string kind) =>
        (await server.PostOkAsync("/api/sla/events/search", new { filter = new { processInstanceKey = instance, subjectType = "PROCESS_INSTANCE", @event = kind } }))["items"]!.AsArray();
}
