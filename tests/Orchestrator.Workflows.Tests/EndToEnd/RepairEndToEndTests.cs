using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orchestrator.Testing;

namespace Orchestrator.Workflows.Tests.EndToEnd;

/// <summary>
/// The repair against the simulators with the real connectors: the shop's order and customer looked up, the device picked up
/// by the simulated carrier and received by the simulated warehouse (its signed webhook), the refund paid by the simulated
/// payment provider, every message recorded by the notification service in the customer's language.
/// </summary>
public sealed class RepairEndToEndTests(SimulatedWorldServer server) : IClassFixture<SimulatedWorldServer>
{
    // Thursday 10 December 2026, 10:00 in Shanghai.
    private static readonly DateTimeOffset Start = new(2026, 12, 10, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_spanish_customer_s_device_goes_across_the_border_to_kassel_and_comes_back_repaired_with_its_tracking_code()
    {
        await server.RunAtAsync(Start, async () =>
        {
            var instance = await server.StartAsync("repair", new { orderId = "ES-R-7", serviceType = "pickup", issue = "no suction", address = Address("Madrid", "ES") });
            Assert.True(await Poll.Until(async () => (await ActiveAsync(instance)).Contains("awaitDevice")), "the repair did not wait for the device");
            Assert.Empty(await server.SearchAsync("user-tasks", new { processInstanceKey = instance, elementId = "diagnose" }));

            await server.PinAsync(Start.AddHours(25));
            await CompleteTaskAsync(instance, "diagnose", new { diagnosis = "repair", quoteAmount = 0 });
            await CompleteTaskAsync(instance, "repairIt", new { });

            await Surveys.AnswerAsync(server, instance, new { csat = 4, nps = 8 });
            Assert.True(await Poll.Until(async () => await StateAsync(instance) == "COMPLETED"));
            var world = await server.WorldAsync();
            var shipments = world["shipments"]!.AsArray().Where(s => s!["orderId"]!.GetValue<string>() == "ES-R-7").ToList();
            Assert.Equal(2, shipments.Count);
            var sent = Messages(world, "CUST-ES-R-7");
            Assert.Equal(["repair-status", "repair-received", "repair-diagnosed", "repair-shipped", "satisfaction-survey"], sent.Select(n => n["template"]!.GetValue<string>()));
            Assert.All(sent, n => Assert.Equal("es", n["language"]!.GetValue<string>()));
            Assert.Contains("Kassel", sent[1]["body"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Contains("Código de seguimiento: " + shipments[1]!["trackingCode"]!.GetValue<string>(), sent[3]["body"]!.GetValue<string>(), StringComparison.Ordinal);
            var due = Assert.Single(await server.SearchAsync("variables", new { scopeKey = instance, name = "slaDueDate" }))!["value"]!.GetValue<string>();
            Assert.Equal(Start.AddHours(72), DateTimeOffset.Parse(JsonNode.Parse(due)!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        });
    }

    [Fact]
    public async Task A_device_the_technician_cannot_repair_is_refunded_what_was_paid_for_its_line_of_the_order()
    {
        await server.RunAtAsync(Start, async () =>
        {
            await ApiAssert.NoContent(await server.Client.PutAsJsonAsync("/sim/_sim/orders/R-REFUND-8", new
            {
                customerId = "CUST-R-REFUND-8", channel = "web", country = "CN", currency = "CNY", orderValue = 1599m, paidAmount = 1515m,
                placedAt = "2026-11-20T08:00:00Z", deliveredAt = "2026-11-23T08:00:00Z",
                lines = new[]
                {
                    new { sku = "SKU-FILTER", name = "Vacuum filter", category = "accessories", quantity = 2, unitPrice = 50m, paidAmount = 95m },
                    new { sku = "SKU-VACUUM", name = "Cordless vacuum", category = "appliances", quantity = 1, unitPrice = 1499m, paidAmount = 1420m },
                },
            }));
            var instance = await server.StartAsync("repair", new
            {
                orderId = "R-REFUND-8", serviceType = "onsite", productSku = "SKU-VACUUM", issue = "battery does not charge", address = Address("Nanjing", "CN"),
            });

            await CompleteTaskAsync(instance, "bookVisit", new { });
            await CompleteTaskAsync(instance, "technicianArrives", new { });
            await CompleteTaskAsync(instance, "diagnoseOnSite", new { diagnosis = "refund", quoteAmount = 0 });

            await Surveys.AnswerAsync(server, instance, new { csat = 4, nps = 8 });
            Assert.True(await Poll.Until(async () => await StateAsync(instance) == "COMPLETED"));
            var world = await server.WorldAsync();
            var refund = Assert.Single(world["refunds"]!.AsArray(), r => r!["orderId"]!.GetValue<string>() == "R-REFUND-8")!;
            Assert.Equal((1420m, "CNY"), (refund["amount"]!.GetValue<decimal>(), refund["currency"]!.GetValue<string>()));
            var sent = Messages(world, "CUST-R-REFUND-8");
            Assert.Equal(["repair-status", "repair-diagnosed", "refund-issued", "satisfaction-survey"], sent.Select(n => n["template"]!.GetValue<string>()));
            Assert.Contains("1420 CNY", sent[2]["body"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.All(sent, n => Assert.Equal("zh-CN", n["language"]!.GetValue<string>()));
        });
    }

    private static object Address(string city, string country) => new { name = "Ana García", street = "Calle Mayor 1", city, postalCode = "28013", country };

    private static List<JsonNode> Messages(JsonNode world, string customerId) =>
        [.. world["notifications"]!.AsArray().Where(n => n!["customerId"]!.GetValue<string>() == customerId).Select(n => n!)];

    private async Task CompleteTaskAsync(string instance, string elementId, object variables)
    {
        JsonNode? task = null;
        Assert.True(await Poll.Until(async () => (task = (await server.SearchAsync("user-tasks", new { processInstanceKey = instance, elementId, state = "CREATED" })).FirstOrDefault()) is not null),
            $"instance {instance} has no open task {elementId}");
        await ApiAssert.NoContent(await server.PostAsync($"/v2/user-tasks/{task!["userTaskKey"]}/completion", new { variables }));
    }

    private async Task<List<string>> ActiveAsync(string instance) =>
        [.. (await server.SearchAsync("element-instances", new { processInstanceKey = instance, state = "ACTIVE" })).Select(e => e!["elementId"]!.GetValue<string>())];

    private async Task<string> StateAsync(string instance) =>
        (await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/process-instances/{instance}")))["state"]!.GetValue<string>();
}
