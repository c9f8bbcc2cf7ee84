using System.Text.Json.Nodes;
using Orchestrator.Testing;

namespace Orchestrator.Workflows.Tests.Complaints;

/// <summary>
/// complaint-escalation: tier 1 agent (1 working hour), tier 2 specialist (4 working hours), tier 3 director
/// (24 h), reminders before each SLA and escalation at it; major complaints straight to the director. The
/// "support" calendar (Asia/Shanghai, 08:00-22:00 on weekdays) counts the working hours.
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
            var instance = await StartAsync("C-1", orderValue: 80);
            var tier1 = await server.TaskAsync(instance, "tier1");
            Assert.Equal("2026-12-02T03:00:00.000Z", tier1["dueDate"]!.GetValue<string>());

            await server.PinAsync(Start.AddMinutes(30));
            await ApiAssert.NoContent(await server.PostAsync($"/v2/user-tasks/{tier1["userTaskKey"]}/completion",
                new { variables = new { resolution = "resolved", compensation = 0, note = "Replacement sent" } }));
            Assert.True(await Poll.Until(async () => (await server.CompleteJobsAsync("notify.send", instance)).Count > 0));
            Assert.True(await Poll.Until(async () => (await server.CompleteJobsAsync("notify.send", instance)).Any(v => v["template"]?.GetValue<string>() == "csat-survey")));
            await server.PostOkAsync("/v2/messages/publication", new { name = "csat-response", correlationKey = "C-1", variables = new { csat = 5 } });

            Assert.True(await server.PassedAsync(instance, "closedWithCsat"));
            Assert.Equal("COMPLETED", await server.StateAsync(instance));
        });
    }

    [Fact]
    public async Task Each_tier_is_reminded_before_its_SLA_and_escalated_at_it_up_to_the_director_whose_breach_alerts_management()
    {
        await server.RunAtAsync(Start, async () =>
        {
            var instance = await StartAsync("C-2", orderValue: 900);
            Assert.Equal("complex", await CategoryAsync(instance));
            await server.TaskAsync(instance, "tier1");

            // 45 working minutes: a reminder; one working hour: tier 2 takes over.
            await server.PinAsync(Start.AddMinutes(46));
            Assert.True(await server.PassedAsync(instance, "tier1Reminder"));
            await server.PinAsync(Start.AddMinutes(61));
            var tier2 = await server.TaskAsync(instance, "tier2");
            Assert.Equal("2026-12-02T07:01:00.000Z", tier2["dueDate"]!.GetValue<string>());

            // Three and four working hours later: reminder, then the director.
            await server.PinAsync(Start.AddMinutes(61 + 181));
            Assert.True(await server.PassedAsync(instance, "tier2Reminder"));
            await server.PinAsync(Start.AddMinutes(61 + 241));
            var tier3 = await server.TaskAsync(instance, "tier3");

            // The director's 24 hours: reminder at 20, management alerted at 24, the task stays with the director.
            var tier3Created = DateTimeOffset.Parse(tier3["creationDate"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
            await server.PinAsync(tier3Created.AddHours(24).AddMinutes(1));
            Assert.True(await server.PassedAsync(instance, "tier3Breach"));
            Assert.True(await Poll.Until(async () => (await server.CompleteJobsAsync("notify.send", instance)).Any(v => v["customerId"]?.GetValue<string>() == "team:management")));
            await ApiAssert.NoContent(await server.PostAsync($"/v2/user-tasks/{tier3["userTaskKey"]}/completion",
                new { variables = new { resolution = "resolved", compensation = 150 } }));

            var refunds = new List<System.Text.Json.Nodes.JsonNode>();
            Assert.True(await Poll.Until(async () => (refunds = await server.CompleteJobsAsync("payment.refund", instance, new { refund = new { refundId = "RF-1", status = "SUCCEEDED" } })).Count > 0));
            Assert.Equal(150, refunds[0]["amount"]!.GetValue<int>());
            Assert.Equal("store_credit", refunds[0]["method"]!.GetValue<string>());
            Assert.True(await Poll.Until(async () =>
            {
                await server.CompleteJobsAsync("notify.send", instance);
                return (await server.SearchAsync("element-instances", new { processInstanceKey = instance, elementId = "informCustomer", state = "COMPLETED" })).Count > 0;
            }));

            var sla = await server.PostOkAsync("/api/sla/events/search", new { filter = new { processInstanceKey = instance, @event = "BREACHED" } });
            var breached = sla["items"]!.AsArray().Select(e => e!["elementId"]?.GetValue<string>()).ToList();
            Assert.Contains("tier1", breached);
            Assert.Contains("tier2", breached);
            Assert.Contains("tier3", breached);
        });
    }

    [Fact]
    public async Task A_major_complaint_goes_straight_to_the_director_with_tier_2_informed()
    {
        await server.RunAtAsync(Start, async () =>
        {
            var instance = await StartAsync("C-3", orderValue: 100, severity: "major");

            Assert.Equal("major", await CategoryAsync(instance));
            var informed = new List<System.Text.Json.Nodes.JsonNode>();
            Assert.True(await Poll.Until(async () => (informed = await server.CompleteJobsAsync("notify.send", instance)).Count > 0));
            Assert.Equal("team:tier2-specialists", informed[0]["customerId"]!.GetValue<string>());
            await server.TaskAsync(instance, "tier3");
            Assert.Empty(await server.SearchAsync("element-instances", new { processInstanceKey = instance, elementId = "tier1" }));
        });
    }

    [Fact]
    public async Task Tier_1_can_hand_over_and_an_unanswered_survey_closes_after_seven_days()
    {
        await server.RunAtAsync(Start, async () =>
        {
            var instance = await StartAsync("C-4", orderValue: 50);
            var tier1 = await server.TaskAsync(instance, "tier1");
            await ApiAssert.NoContent(await server.PostAsync($"/v2/user-tasks/{tier1["userTaskKey"]}/completion", new { variables = new { resolution = "escalate" } }));
            var tier2 = await server.TaskAsync(instance, "tier2");
            await ApiAssert.NoContent(await server.PostAsync($"/v2/user-tasks/{tier2["userTaskKey"]}/completion", new { variables = new { resolution = "resolved" } }));
            Assert.True(await Poll.Until(async () =>
            {
                await server.CompleteJobsAsync("notify.send", instance);
                return (await server.SearchAsync("element-instances", new { processInstanceKey = instance, elementId = "sendSurvey", state = "COMPLETED" })).Count > 0;
            }));

            await server.PinAsync(Start.AddDays(8));

            Assert.True(await server.PassedAsync(instance, "closed"));
        });
    }

    [Theory]
    [InlineData("C-MINOR", 80, "minor", false, "ordinary", 25, "tier1", new[] { 0, 20, 50 })]
    [InlineData("C-REPEAT", 80, "normal", true, "complex", 60, "tier1", new[] { 0, 50, 150 })]
    [InlineData("C-REPEAT-VALUE", 1299, "normal", true, "complex", 75, "tier1", new[] { 0, 50, 150, 300 })]
    [InlineData("C-VALUE", 9000, "normal", false, "major", 90, "tier3", new[] { 0, 150, 500, 2000 })]
    public async Task The_complaint_policy_decides_category_and_task_priority_and_the_menu_the_agent_offers_compensation_from(
        string complaintId, int orderValue, string severity, bool repeatComplaint, string category, int priority, string firstTask, int[] offers)
    {
        await server.RunAtAsync(Start, async () =>
        {
            var instance = await StartAsync(complaintId, orderValue, severity, repeatComplaint);

            // A major complaint informs tier 2 on its way to the director.
            Assert.True(await Poll.Until(async () =>
            {
                await server.CompleteJobsAsync("notify.send", instance);
                return (await server.SearchAsync("user-tasks", new { processInstanceKey = instance, elementId = firstTask })).Count > 0;
            }));
            var task = await server.TaskAsync(instance, firstTask);
            Assert.Equal(category, await CategoryAsync(instance));
            Assert.Equal(priority, task["priority"]!.GetValue<int>());
            var menu = (await server.VariableAsync(instance, "compensationOffers"))!.AsArray();
            Assert.Equal(offers, menu.Select(o => o!["value"]!.GetValue<int>()));
            Assert.All(menu, o => Assert.False(string.IsNullOrEmpty(o!["label"]!.GetValue<string>())));
            var form = await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/user-tasks/{task["userTaskKey"]}/form"));
            var field = JsonNode.Parse(form["schema"]!.GetValue<string>())!["components"]!.AsArray().Single(c => c!["key"]?.GetValue<string>() == "compensation")!;
            Assert.Equal("compensationOffers", field["valuesKey"]!.GetValue<string>());

            // The agent picks the largest offer: it is paid as store credit.
            await ApiAssert.NoContent(await server.PostAsync($"/v2/user-tasks/{task["userTaskKey"]}/completion", new { variables = new { resolution = "resolved", compensation = offers[^1] } }));
            var refunds = new List<JsonNode>();
            Assert.True(await Poll.Until(async () =>
            {
                await server.CompleteJobsAsync("notify.send", instance);
                return (refunds = await server.CompleteJobsAsync("payment.refund", instance, new { refund = new { refundId = "RF-" + complaintId, status = "SUCCEEDED" } })).Count > 0;
            }));
            Assert.Equal(offers[^1], refunds[0]["amount"]!.GetValue<int>());
        });
    }

    private async Task<string> StartAsync(string complaintId, int orderValue, string severity = "normal", bool repeatComplaint = false) =>
        await server.StartAsync("complaint-escalation", new
        {
            complaintId, customerId = "CUST-" + complaintId, orderId = "O-" + complaintId, language = "en", description = "The blender arrived broken", orderValue, severity,
            repeatComplaint,
        });

    private async Task<string> CategoryAsync(string instance)
    {
        var variables = await server.SearchAsync("variables", new { scopeKey = instance, name = "category" });
        return System.Text.Json.JsonSerializer.Deserialize<string>(Assert.Single(variables)!["value"]!.GetValue<string>())!;
    }
}
