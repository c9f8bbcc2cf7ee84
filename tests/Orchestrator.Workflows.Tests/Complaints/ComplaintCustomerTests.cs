using Orchestrator.Testing;

namespace Orchestrator.Workflows.Tests.Complaints;

/// <summary>
/// complaint-escalation on the shop's data and towards the customer: the order and the customer looked up (variables passed
/// at start win), an unknown order or customer handled in the model, the complaint acknowledged at once with the time the
/// customer hears from us, and each escalation told with the new time, in the customer's language and time zone.
/// </summary>
public sealed class ComplaintCustomerTests(WorkflowServer server) : IClassFixture<WorkflowServer>
{
    // Wednesday 2 December 2026, 10:00 in Shanghai.
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_order_value_is_what_the_customer_paid_and_language_channel_and_tier_come_from_the_customer()
    {
        await server.RunAtAsync(Start, async () =>
        {
            var complaint = new ComplaintDriver(server);
            complaint.Shop.Order("DE-ORDER-1", "CUST-DE-1", paid: 89, currency: "EUR", country: "DE");
            complaint.Shop.Customer("CUST-DE-1", "VIP", language: "de", preferredChannel: "app", country: "DE");
            var instance = await complaint.StartAsync(new { complaintId = "C-DE-1", orderId = "DE-ORDER-1", description = "Kaputt angekommen" });

            var tier2 = await complaint.TaskAsync(instance, "tier2");

            var classification = await server.DecisionAsync(instance, "complaint-classification");
            Assert.Contains(classification["evaluatedInputs"]!.AsArray(), i => i!["inputName"]!.GetValue<string>() == "Order value paid (CNY)" && i["inputValue"]!.ToString() == "685.3");
            Assert.Equal(96, tier2["priority"]!.GetValue<int>());
            Assert.Equal("CUST-DE-1", (await server.VariableAsync(instance, "customerId"))!.GetValue<string>());
            Assert.Equal("EUR", (await server.VariableAsync(instance, "currency"))!.GetValue<string>());
            var acknowledged = await complaint.MessageAsync(instance, "complaint-received");
            Assert.Equal(("CUST-DE-1", "de", "app"),
                (ComplaintDriver.Text(acknowledged, "customerId"), ComplaintDriver.Text(acknowledged, "language"), ComplaintDriver.Text(acknowledged, "channel")));
            // Four working hours in Shanghai (14:00) is 07:00 in Berlin.
            Assert.Equal("2026-12-02 07:00 (Europe/Berlin)", ComplaintDriver.Text(acknowledged, "dueAt"));

            await complaint.CompleteAsync(tier2, new { resolution = "resolved", compensation = 150 });
            var refunds = new List<System.Text.Json.Nodes.JsonNode>();
            Assert.True(await Poll.Until(async () => (refunds = await server.CompleteJobsAsync("payment.refund", instance, new { refund = new { refundId = "RF-DE-1", status = "SUCCEEDED" } })).Count > 0));
            Assert.Equal("EUR", refunds[0]["currency"]!.GetValue<string>());
            var outcome = await complaint.MessageAsync(instance, "complaint-update");
            Assert.Equal(("de", "EUR"), (ComplaintDriver.Text(outcome, "language"), ComplaintDriver.Text(outcome, "currency")));
        });
    }

    [Fact]
    public async Task Variables_passed_at_start_win_over_the_looked_up_ones()
    {
        await server.RunAtAsync(Start, async () =>
        {
            var complaint = new ComplaintDriver(server);
            complaint.Shop.Order("O-OVERRIDE", "CUST-OVERRIDE", paid: 2000);
            complaint.Shop.Customer("CUST-OVERRIDE", "standard", language: "zh-CN", preferredChannel: "email");
            var instance = await complaint.StartAsync(new
            {
                complaintId = "C-OVERRIDE", orderId = "O-OVERRIDE", orderValue = 60, language = "en", channel = "sms", customerTier = "VIP", description = "late",
            });

            var tier1 = await complaint.TaskAsync(instance, "tier1");

            Assert.Equal("ordinary", (await server.VariableAsync(instance, "category"))!.GetValue<string>());
            Assert.Equal(94, tier1["priority"]!.GetValue<int>());
            var acknowledged = await complaint.MessageAsync(instance, "complaint-received");
            Assert.Equal(("en", "sms"), (ComplaintDriver.Text(acknowledged, "language"), ComplaintDriver.Text(acknowledged, "channel")));
        });
    }

    [Fact]
    public async Task An_unknown_order_goes_to_an_agent_who_finds_the_right_one_and_the_complaint_goes_on()
    {
        await server.RunAtAsync(Start, async () =>
        {
            var complaint = new ComplaintDriver(server);
            complaint.Shop.Order("O-RIGHT", "CUST-FOUND", paid: 80);
            var instance = await server.StartAsync("complaint-escalation", new { complaintId = "C-LOST", orderId = "O-TYPO", description = "broken" });
            await complaint.Shop.NotFoundAsync(instance, "orders.get");

            var find = await complaint.TaskAsync(instance, "findOrder");
            Assert.Equal("tier1-agents", find["candidateGroups"]![0]!.GetValue<string>());
            Assert.Equal("complaint-order", (await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/user-tasks/{find["userTaskKey"]}/form")))["formId"]!.GetValue<string>());
            await complaint.CompleteAsync(find, new { orderId = "O-RIGHT" });
            await complaint.Shop.AnswerLookupsAsync(instance);

            await complaint.TaskAsync(instance, "tier1");
            Assert.Equal("CUST-FOUND", (await server.VariableAsync(instance, "customerId"))!.GetValue<string>());
            Assert.Empty(await server.SearchAsync("incidents", new { processInstanceKey = instance }));
        });
    }

    [Fact]
    public async Task An_unknown_customer_goes_on_with_what_the_start_passed()
    {
        await server.RunAtAsync(Start, async () =>
        {
            var complaint = new ComplaintDriver(server);
            var instance = await server.StartAsync("complaint-escalation", new { complaintId = "C-NOBODY", orderId = "O-NOBODY", customerId = "CUST-GONE", language = "es", description = "roto" });
            Assert.True(await Poll.Until(async () => (await server.CompleteJobsAsync("orders.get", instance, new { order = new { orderId = "O-NOBODY", customerId = "CUST-GONE", country = "ES", currency = "EUR", paidAmount = 40 } })).Count > 0));
            await complaint.Shop.NotFoundAsync(instance, "customers.get");

            await complaint.TaskAsync(instance, "tier1");

            var acknowledged = await complaint.MessageAsync(instance, "complaint-received");
            Assert.Equal(("CUST-GONE", "es", "email"),
                (ComplaintDriver.Text(acknowledged, "customerId"), ComplaintDriver.Text(acknowledged, "language"), ComplaintDriver.Text(acknowledged, "channel")));
            Assert.EndsWith("(Europe/Madrid)", ComplaintDriver.Text(acknowledged, "dueAt"), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task The_customer_is_told_at_once_who_answers_by_when_and_again_at_each_escalation_and_the_page_shows_that_time()
    {
        await server.RunAtAsync(Start, async () =>
        {
            var complaint = new ComplaintDriver(server);
            complaint.Shop.Order("O-TOLD", "CUST-TOLD", paid: 80);
            complaint.Shop.Customer("CUST-TOLD", language: "zh-CN");
            var instance = await complaint.StartAsync(new { complaintId = "C-TOLD", orderId = "O-TOLD", description = "slow" });

            await complaint.TaskAsync(instance, "tier1");
            var acknowledged = await complaint.MessageAsync(instance, "complaint-received");
            Assert.Equal(("1", "2026-12-02 11:00 (Asia/Shanghai)"), (ComplaintDriver.Text(acknowledged, "tier"), ComplaintDriver.Text(acknowledged, "dueAt")));
            Assert.Equal("2026-12-02T03:00:00Z", await EtaAsync(instance));

            // Tier 1's hour runs out: the customer hears that a specialist answers by 15:01.
            await server.PinAsync(Start.AddMinutes(61));
            var tier2 = await complaint.TaskAsync(instance, "tier2");
            var toTier2 = await complaint.MessageAsync(instance, "complaint-escalated", "CUST-TOLD");
            Assert.Equal(("2", "2026-12-02 15:01 (Asia/Shanghai)"), (ComplaintDriver.Text(toTier2, "tier"), ComplaintDriver.Text(toTier2, "dueAt")));
            Assert.Equal("2026-12-02T07:01:00.000Z", tier2["dueDate"]!.GetValue<string>());
            Assert.Equal("2026-12-02T07:01:00Z", await EtaAsync(instance));

            // The specialist hands over: a manager answers within 24 hours.
            await server.PinAsync(Start.AddMinutes(71));
            await complaint.CompleteAsync(tier2, new { resolution = "escalate" });
            var tier3 = await complaint.TaskAsync(instance, "tier3");
            var escalations = complaint.Sent.Where(n => ComplaintDriver.Text(n, "template") == "complaint-escalated").ToList();
            Assert.Equal(2, escalations.Count);
            Assert.Equal(("3", "2026-12-03 11:11 (Asia/Shanghai)"), (ComplaintDriver.Text(escalations[1], "tier"), ComplaintDriver.Text(escalations[1], "dueAt")));
            Assert.Equal("2026-12-03T03:11:00.000Z", tier3["dueDate"]!.GetValue<string>());

            // Customer messages go to the customer in their language; the teams' alerts are separate.
            var toCustomer = complaint.Sent.Where(n => ComplaintDriver.Text(n, "customerId") == "CUST-TOLD").ToList();
            Assert.Equal(["complaint-received", "complaint-escalated", "complaint-escalated"], toCustomer.Select(n => ComplaintDriver.Text(n, "template")));
            Assert.All(toCustomer, n => Assert.Equal("zh-CN", ComplaintDriver.Text(n, "language")));
            Assert.DoesNotContain(complaint.Sent, n => ComplaintDriver.Text(n, "customerId")!.StartsWith("team:", StringComparison.Ordinal)
                && ComplaintDriver.Text(n, "template") != "complaint-team-alert");
        });
    }

    private async Task<string?> EtaAsync(string instance)
    {
        var token = (await server.VariableAsync(instance, "trackingToken"))!.GetValue<string>();
        var view = await ApiAssert.OkJson(await server.Client.GetAsync($"/api/track/{token}"));
        return view["eta"] is { } eta ? DateTimeOffset.Parse(eta.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.FFFZ", System.Globalization.CultureInfo.InvariantCulture) : null;
    }
}
