using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orchestrator.Testing;

namespace Orchestrator.Workflows.Tests.EndToEnd;

/// <summary>
/// complaint-escalation against the simulators with the real connectors: the order and the customer come from the simulated
/// shop, every message is rendered from the catalogue in the customer's language and recorded by the notification service.
/// </summary>
public sealed class ComplaintsEndToEndTests(SimulatedWorldServer server) : IClassFixture<SimulatedWorldServer>
{
    // Wednesday 2 December 2026, 10:00 in Shanghai (03:00 in Berlin): the support calendar's working hours.
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_German_VIP_customers_complaint_is_acknowledged_in_German_handled_by_tier_2_and_each_escalation_is_told_with_the_new_time()
    {
        await server.RunAtAsync(Start, async () =>
        {
            // A blender paid 89 EUR (99 before the discount): complex by what was paid, 685 CNY.
            await ApiAssert.NoContent(await server.Client.PutAsJsonAsync("/sim/_sim/orders/E2E-CDE-1", new
            {
                customerId = "CUST-E2E-CDE-1", channel = "web", country = "DE", currency = "EUR", orderValue = 99, paidAmount = 89,
                placedAt = Start.AddDays(-9), deliveredAt = Start.AddDays(-6),
                lines = new[] { new { sku = "BLD-900", name = "Blender Pro", category = "kitchen", quantity = 1, unitPrice = 99, paidAmount = 89 } },
            }));
            await ApiAssert.NoContent(await server.Client.PutAsJsonAsync("/sim/_sim/customers/CUST-E2E-CDE-1", new
            {
                name = "Anna Schmidt", tier = "VIP", trustLevel = "normal", trustScore = 60, language = "de", preferredChannel = "app", country = "DE",
            }));

            var instance = await server.StartAsync("complaint-escalation", new { complaintId = "E2E-CDE-1", orderId = "E2E-CDE-1", description = "Motor brennt durch" });

            JsonNode? tier2 = null;
            Assert.True(await Poll.Until(async () => (tier2 = (await server.SearchAsync("user-tasks", new { processInstanceKey = instance, elementId = "tier2", state = "CREATED" })).FirstOrDefault()) is not null),
                "the complex complaint did not reach tier 2");
            Assert.Equal(96, tier2!["priority"]!.GetValue<int>());
            var received = Assert.Single(await MessagesAsync("CUST-E2E-CDE-1"))!;
            Assert.Equal(("complaint-received", "de", "app"), (Text(received, "template"), Text(received, "language"), Text(received, "channel")));
            Assert.Contains("eine Fachkraft", Text(received, "body"), StringComparison.Ordinal);
            Assert.Contains("Sie hören von uns bis: 2026-12-02 07:00 (Europe/Berlin)", Text(received, "body"), StringComparison.Ordinal);

            // Four working hours without an answer: the director, and the customer is told.
            await server.PinAsync(Start.AddHours(4).AddMinutes(1));
            Assert.True(await Poll.Until(async () => (await MessagesAsync("CUST-E2E-CDE-1")).Count == 2), "the escalation was not told");
            var escalated = (await MessagesAsync("CUST-E2E-CDE-1"))[1]!;
            Assert.Equal(("complaint-escalated", "de"), (Text(escalated, "template"), Text(escalated, "language")));
            Assert.Contains("eine Führungskraft", Text(escalated, "body"), StringComparison.Ordinal);
            Assert.Contains("2026-12-03 07:01 (Europe/Berlin)", Text(escalated, "body"), StringComparison.Ordinal);

            // The director grants 500 in store credit, paid in the order's currency; the outcome is told in German.
            JsonNode? tier3 = null;
            Assert.True(await Poll.Until(async () => (tier3 = (await server.SearchAsync("user-tasks", new { processInstanceKey = instance, elementId = "tier3", state = "CREATED" })).FirstOrDefault()) is not null));
            await ApiAssert.NoContent(await server.PostAsync($"/v2/user-tasks/{tier3!["userTaskKey"]}/completion", new { variables = new { resolution = "resolved", compensation = 500 } }));
            Assert.True(await Poll.Until(async () => (await MessagesAsync("CUST-E2E-CDE-1")).Count == 4), "the outcome and the survey were not sent");
            var refund = Assert.Single((await server.WorldAsync())["refunds"]!.AsArray(), r => r!["orderId"]!.GetValue<string>() == "E2E-CDE-1")!;
            Assert.Equal((500m, "EUR"), (refund["amount"]!.GetValue<decimal>(), refund["currency"]!.GetValue<string>()));
            var messages = await MessagesAsync("CUST-E2E-CDE-1");
            Assert.Equal(["complaint-received", "complaint-escalated", "complaint-update", "satisfaction-survey"], messages.Select(m => Text(m!, "template")));
            Assert.Contains("500 EUR", Text(messages[2]!, "body"), StringComparison.Ordinal);

            // The teams' alerts went in English on their own template.
            var alerts = (await server.WorldAsync())["notifications"]!.AsArray().Where(n => Text(n!, "customerId").StartsWith("team:", StringComparison.Ordinal)
                && Text(n!, "body").Contains("E2E-CDE-1", StringComparison.Ordinal)).ToList();
            Assert.Contains(alerts, a => Text(a!, "customerId") == "team:tier2-specialists");
            Assert.All(alerts, a => Assert.Equal(("complaint-team-alert", "en"), (Text(a!, "template"), Text(a!, "language"))));

            // The unanswered survey closes the case a week later; its SLA was met when the outcome was told.
            await server.PinAsync(Start.AddDays(8));
            Assert.True(await Poll.Until(async () => (await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/process-instances/{instance}")))["state"]!.GetValue<string>() == "COMPLETED"));
            List<string> events = [];
            Assert.True(await Poll.Until(async () => (events = await CaseSlaEventsAsync(instance)).Contains("MET")), "the case's SLA was not met");
            Assert.DoesNotContain("BREACHED", events);
        });
    }

    private async Task<List<JsonNode?>> MessagesAsync(string customerId) =>
        [.. (await server.WorldAsync())["notifications"]!.AsArray().Where(n => Text(n!, "customerId") == customerId)];

    private async Task<List<string>> CaseSlaEventsAsync(string instance)
    {
        var body = await server.PostOkAsync("/api/sla/events/search", new { filter = new { processInstanceKey = instance } });
        return [.. body["items"]!.AsArray().Where(e => e!["subjectType"]!.GetValue<string>() == "PROCESS_INSTANCE").Select(e => e!["event"]!.GetValue<string>())];
    }

    private static string Text(JsonNode node, string name) => node[name]?.GetValue<string>() ?? "";
}
