using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orchestrator.Testing;

namespace Orchestrator.Workflows.Tests.Complaints;

/// <summary>
/// complaint-escalation: ordinary complaints to a tier 1 agent (1 working hour), complex ones to a tier 2 specialist (4 working
/// hours), major ones straight to the director (24 h); reminders before each SLA and escalation at it. The "support" calendar
/// (Asia/Shanghai, 08:00-22:00 on weekdays) counts the working hours.
/// </summary>
public sealed class ComplaintEscalationTests(WorkflowServer server) : IClassFixture<WorkflowServer>
{
    // Wednesday 2 December 2026, 10:00 in Shanghai.
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task An_ordinary_complaint_resolved_by_tier_1_in_time_closes_with_the_customer_informed_and_CSAT()
    {
        await server.RunAtAsync(Start, async () =>
        {
            var complaint = new ComplaintDriver(server);
            var instance = await StartAsync(complaint, "C-1", paid: 80);
            var tier1 = await complaint.TaskAsync(instance, "tier1");
            Assert.Equal("2026-12-02T03:00:00.000Z", tier1["dueDate"]!.GetValue<string>());

            await server.PinAsync(Start.AddMinutes(30));
            await complaint.CompleteAsync(tier1, new { resolution = "resolved", compensation = 0, note = "Replacement sent" });
            var outcome = await complaint.MessageAsync(instance, "complaint-update");
            await Surveys.AnswerAsync(server, instance, new { csat = 5, nps = 9 }, () => complaint.NotifyAsync(instance));

            Assert.Equal("Replacement sent", ComplaintDriver.Text(outcome, "status"));
            Assert.True(await server.PassedAsync(instance, "closed"));
            Assert.Equal("COMPLETED", await server.StateAsync(instance));
            Assert.Equal((5, 9), ((await server.VariableAsync(instance, "csat"))!.GetValue<int>(), (await server.VariableAsync(instance, "nps"))!.GetValue<int>()));
        });
    }

    [Fact]
    public async Task A_complex_complaint_goes_to_the_tier_2_specialist_with_four_working_hours_not_to_tier_1()
    {
        await server.RunAtAsync(Start, async () =>
        {
            var complaint = new ComplaintDriver(server);
            var instance = await StartAsync(complaint, "C-COMPLEX", paid: 900);

            var tier2 = await complaint.TaskAsync(instance, "tier2");

            Assert.Equal("complex", await CategoryAsync(instance));
            Assert.Equal("2026-12-02T06:00:00.000Z", tier2["dueDate"]!.GetValue<string>());
            Assert.Equal("tier2-specialists", tier2["candidateGroups"]![0]!.GetValue<string>());
            Assert.Empty(await server.SearchAsync("element-instances", new { processInstanceKey = instance, elementId = "tier1" }));

            // Four working hours later the director takes over.
            await server.PinAsync(Start.AddHours(4).AddMinutes(1));
            await complaint.TaskAsync(instance, "tier3");
        });
    }

    [Fact]
    public async Task Each_tier_is_reminded_before_its_SLA_and_escalated_at_it_up_to_the_director_whose_breach_alerts_management()
    {
        await server.RunAtAsync(Start, async () =>
        {
            var complaint = new ComplaintDriver(server);
            var instance = await StartAsync(complaint, "C-2", paid: 80);
            await complaint.TaskAsync(instance, "tier1");

            // 45 working minutes: a reminder; one working hour: tier 2 takes over.
            await server.PinAsync(Start.AddMinutes(46));
            Assert.True(await server.PassedAsync(instance, "tier1Reminder"));
            await server.PinAsync(Start.AddMinutes(61));
            var tier2 = await complaint.TaskAsync(instance, "tier2");
            Assert.Equal("2026-12-02T07:01:00.000Z", tier2["dueDate"]!.GetValue<string>());

            // Three and four working hours later: reminder, then the director.
            await server.PinAsync(Start.AddMinutes(61 + 181));
            Assert.True(await server.PassedAsync(instance, "tier2Reminder"));
            await server.PinAsync(Start.AddMinutes(61 + 241));
            var tier3 = await complaint.TaskAsync(instance, "tier3");

            // The director's 24 hours: reminder at 20, management alerted at 24, the task stays with the director.
            var tier3Created = DateTimeOffset.Parse(tier3["creationDate"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
            await server.PinAsync(tier3Created.AddHours(24).AddMinutes(1));
            Assert.True(await server.PassedAsync(instance, "tier3Breach"));
            var alert = await complaint.MessageAsync(instance, "complaint-team-alert", "team:management");
            Assert.Equal("breach", ComplaintDriver.Text(alert, "alert"));
            await complaint.CompleteAsync(tier3, new { resolution = "resolved", compensation = 150 });

            var refunds = new List<JsonNode>();
            Assert.True(await Poll.Until(async () => (refunds = await server.CompleteJobsAsync("payment.refund", instance, new { refund = new { refundId = "RF-1", status = "SUCCEEDED" } })).Count > 0));
            Assert.Equal(150, refunds[0]["amount"]!.GetValue<int>());
            Assert.Equal("store_credit", refunds[0]["method"]!.GetValue<string>());
            Assert.True(await complaint.PassAsync(instance, "informCustomer"));

            await server.SweepSlaAsync();
            var sla = await server.PostOkAsync("/api/sla/events/search", new { filter = new { processInstanceKey = instance, @event = "BREACHED" } });
            var breached = sla["items"]!.AsArray().Select(e => e!["elementId"]?.GetValue<string>()).ToList();
            Assert.Contains("tier1", breached);
            Assert.Contains("tier2", breached);
            Assert.Contains("tier3", breached);
            // The reminders went to the teams, in English, on their own template.
            var reminders = complaint.Sent.Where(n => ComplaintDriver.Text(n, "alert") == "reminder").ToList();
            Assert.Equal(["team:tier1-agents", "team:tier2-specialists", "team:directors"], reminders.Select(n => ComplaintDriver.Text(n, "customerId")));
            Assert.All(reminders, n => Assert.Equal(("complaint-team-alert", "en"), (ComplaintDriver.Text(n, "template"), ComplaintDriver.Text(n, "language"))));
        });
    }

    [Fact]
    public async Task A_major_complaint_goes_straight_to_the_director_with_tier_2_informed()
    {
        await server.RunAtAsync(Start, async () =>
        {
            var complaint = new ComplaintDriver(server);
            var instance = await StartAsync(complaint, "C-3", paid: 100, severity: "major");

            await complaint.TaskAsync(instance, "tier3");

            Assert.Equal("major", await CategoryAsync(instance));
            var informed = await complaint.MessageAsync(instance, "complaint-team-alert");
            Assert.Equal(("team:tier2-specialists", "major", "en"),
                (ComplaintDriver.Text(informed, "customerId"), ComplaintDriver.Text(informed, "alert"), ComplaintDriver.Text(informed, "language")));
            Assert.Empty(await server.SearchAsync("element-instances", new { processInstanceKey = instance, elementId = "tier1" }));
        });
    }

    [Fact]
    public async Task Tier_1_can_hand_over_and_an_unanswered_survey_closes_after_seven_days()
    {
        await server.RunAtAsync(Start, async () =>
        {
            var complaint = new ComplaintDriver(server);
            var instance = await StartAsync(complaint, "C-4", paid: 50);
            await complaint.CompleteAsync(await complaint.TaskAsync(instance, "tier1"), new { resolution = "escalate" });
            await complaint.CompleteAsync(await complaint.TaskAsync(instance, "tier2"), new { resolution = "resolved" });
            await Surveys.WaitingAsync(server, instance, () => complaint.NotifyAsync(instance));

            await server.PinAsync(Start.AddDays(8));

            Assert.True(await server.PassedAsync(instance, "closed"));
            Assert.Null(await server.VariableAsync(instance, "csat"));
        });
    }

    [Fact]
    public async Task Bug_the_survey_wait_breached_the_SLA_of_a_complaint_resolved_in_time()
    {
        await server.RunAtAsync(Start, async () =>
        {
            var complaint = new ComplaintDriver(server);
            var instance = await StartAsync(complaint, "C-SURVEY", paid: 80);
            var tier1 = await complaint.TaskAsync(instance, "tier1");
            await server.PinAsync(Start.AddMinutes(20));
            await complaint.CompleteAsync(tier1, new { resolution = "resolved" });
            await Surveys.WaitingAsync(server, instance, () => complaint.NotifyAsync(instance));

            // The case's 48 working hours end on Monday; the unanswered survey keeps the case open until Wednesday.
            await server.PinAsync(Start.AddDays(8));
            Assert.True(await server.PassedAsync(instance, "closed"));

            Assert.Equal(Start.AddMinutes(20), DateTimeOffset.Parse((await server.VariableAsync(instance, "slaMetAt"))!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
            List<string> events = [];
            Assert.True(await Poll.Until(async () => (events = await CaseSlaEventsAsync(instance)).Contains("MET")), "the case's SLA was not met");
            Assert.DoesNotContain("BREACHED", events);
        });
    }

    [Theory]
    [InlineData("C-MINOR", 80, "minor", false, "standard", "ordinary", 25, "tier1", new[] { 0, 20, 50 })]
    [InlineData("C-REPEAT", 80, "normal", true, "standard", "complex", 60, "tier2", new[] { 0, 50, 150 })]
    [InlineData("C-REPEAT-VALUE", 1299, "normal", true, "standard", "complex", 75, "tier2", new[] { 0, 50, 150, 300 })]
    [InlineData("C-VALUE", 9000, "normal", false, "standard", "major", 90, "tier3", new[] { 0, 150, 500, 2000 })]
    [InlineData("C-VIP-MINOR", 80, "minor", false, "VIP", "ordinary", 92, "tier1", new[] { 0, 20, 50 })]
    [InlineData("C-VIP", 80, "normal", false, "VIP", "ordinary", 94, "tier1", new[] { 0, 20, 50 })]
    [InlineData("C-VIP-VALUE", 900, "normal", false, "VIP", "complex", 96, "tier2", new[] { 0, 50, 150 })]
    [InlineData("C-VIP-MAJOR", 80, "major", false, "VIP", "major", 100, "tier3", new[] { 0, 150, 500 })]
    public async Task The_complaint_policy_decides_category_and_task_priority_VIP_first_and_the_menu_the_agent_offers_compensation_from(
        string complaintId, int paid, string severity, bool repeatComplaint, string tier, string category, int priority, string firstTask, int[] offers)
    {
        await server.RunAtAsync(Start, async () =>
        {
            var complaint = new ComplaintDriver(server);
            var instance = await StartAsync(complaint, complaintId, paid, severity, repeatComplaint, tier);

            var task = await complaint.TaskAsync(instance, firstTask);

            Assert.Equal(category, await CategoryAsync(instance));
            Assert.Equal(priority, task["priority"]!.GetValue<int>());
            var decision = await server.DecisionAsync(instance, "complaint-classification");
            Assert.Contains(decision["evaluatedInputs"]!.AsArray(), i => i!["inputName"]?.GetValue<string>() == "Customer tier" && i["inputValue"]!.ToString().Contains(tier, StringComparison.Ordinal));
            var menu = (await server.VariableAsync(instance, "compensationOffers"))!.AsArray();
            Assert.Equal(offers, menu.Select(o => o!["value"]!.GetValue<int>()));
            Assert.All(menu, o => Assert.False(string.IsNullOrEmpty(o!["label"]!.GetValue<string>())));
            var form = await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/user-tasks/{task["userTaskKey"]}/form"));
            var field = JsonNode.Parse(form["schema"]!.GetValue<string>())!["components"]!.AsArray().Single(c => c!["key"]?.GetValue<string>() == "compensation")!;
            Assert.Equal("compensationOffers", field["valuesKey"]!.GetValue<string>());

            // The agent picks the largest offer: it is paid as store credit. More than the menu offers is refused.
            using var agent = server.ClientAs("tina", WorkflowServer.AgentPassword);
            var key = task["userTaskKey"]!.GetValue<string>();
            await ApiAssert.NoContent(await agent.PostAsJsonAsync($"/v2/user-tasks/{key}/assignment", new { assignee = "tina" }));
            var refused = await ApiAssert.Problem(await agent.PostAsJsonAsync($"/v2/user-tasks/{key}/completion",
                new { variables = new { resolution = "resolved", compensation = 999_999 } }), 403, "FORBIDDEN");
            Assert.Contains("compensation: 999999 is not one of the options the form offered", refused, StringComparison.Ordinal);
            await ApiAssert.NoContent(await agent.PostAsJsonAsync($"/v2/user-tasks/{key}/completion", new { variables = new { resolution = "resolved", compensation = offers[^1] } }));
            var refunds = new List<JsonNode>();
            Assert.True(await Poll.Until(async () =>
            {
                await complaint.NotifyAsync(instance);
                return (refunds = await server.CompleteJobsAsync("payment.refund", instance, new { refund = new { refundId = "RF-" + complaintId, status = "SUCCEEDED" } })).Count > 0;
            }));
            Assert.Equal(offers[^1], refunds[0]["amount"]!.GetValue<int>());
        });
    }

    [Theory]
    [InlineData("C-VND-560", 2_000_000, "VND", "complex", "tier2")]
    [InlineData("C-VND-280", 1_000_000, "VND", "ordinary", "tier1")]
    [InlineData("C-EUR-7700", 1000, "EUR", "major", "tier3")]
    [InlineData("C-XXX", 9000, "XXX", "ordinary", "tier1")]
    public async Task The_complaint_thresholds_are_in_cny_whatever_the_currency_the_customer_paid_in(string complaintId, int paid, string currency, string category, string firstTask)
    {
        await server.RunAtAsync(Start, async () =>
        {
            var complaint = new ComplaintDriver(server);
            complaint.Shop.Order("O-" + complaintId, "CUST-" + complaintId, paid, currency);
            complaint.Shop.Customer("CUST-" + complaintId, "standard", language: "en");
            var instance = await complaint.StartAsync(new { complaintId, orderId = "O-" + complaintId, description = "The blender arrived broken" });

            await complaint.TaskAsync(instance, firstTask);

            Assert.Equal(category, await CategoryAsync(instance));
            Assert.Equal(paid, (await server.VariableAsync(instance, "orderValue"))!.GetValue<int>());
        });
    }

    private static async Task<string> StartAsync(
        ComplaintDriver complaint, string complaintId, decimal paid, string severity = "normal", bool repeatComplaint = false, string tier = "standard")
    {
        complaint.Shop.Order("O-" + complaintId, "CUST-" + complaintId, paid);
        complaint.Shop.Customer("CUST-" + complaintId, tier, language: "en");
        return await complaint.StartAsync(new { complaintId, orderId = "O-" + complaintId, description = "The blender arrived broken", severity, repeatComplaint });
    }

    private async Task<string> CategoryAsync(string instance) => (await server.VariableAsync(instance, "category"))!.GetValue<string>();

    private async Task<List<string>> CaseSlaEventsAsync(string instance)
    {
        var body = await server.PostOkAsync("/api/sla/events/search", new { filter = new { processInstanceKey = instance } });
        return [.. body["items"]!.AsArray().Where(e => e!["subjectType"]!.GetValue<string>() == "PROCESS_INSTANCE").Select(e => e!["event"]!.GetValue<string>())];
    }
}
